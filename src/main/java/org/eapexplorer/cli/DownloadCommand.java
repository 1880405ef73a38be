package org.eapexplorer.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.download.HubDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Fetch a model's files from a Hugging Face-style hub into a local folder: GPT-2 small's by default, or "
                + "those --files names from any --repo (a Llama, Qwen, Mistral, Gemma, OLMo-2 or GPT-NeoX model's config.json, tokenizer.json and "
                + "safetensors, say). Uses the network, as only this command, gpu-setup and the window's File menu items for the "
                + "two do, and only when run. Interrupted downloads resume. A failed or cancelled run leaves --out as it was: the files "
                + "collect in a hidden folder beside it (.NAME.eap-download) and are moved in only when all of them arrived and passed "
                + "their checks.",
                "Checked: each file's size; the SHA-256 the hub publishes for files kept in Git LFS (the weights); the git SHA-1 it "
                + "publishes for the others where it does; with --repo gpt2, GPT-2's tokenizer files against the copies the program ships; that .json "
                + "files parse and a .safetensors header is whole. A file for which the server publishes no checksum is checked by "
                + "size alone, and the run says so."})
final class DownloadCommand implements Callable<Integer>, WritesFiles {

    @Option(names = "--repo", defaultValue = "gpt2", paramLabel = "NAME", description = "repository (default: ${DEFAULT-VALUE}, GPT-2 small)") String repo;
    @Option(names = "--revision", defaultValue = "main", paramLabel = "REV") String revision;
    @Option(names = "--base-url", paramLabel = "URL", description = "the hub's address (default: $HF_ENDPOINT or https://huggingface.co)") URI base;
    @Option(names = "--files", split = ",", paramLabel = "F1,F2,…", description = "files to fetch, as the repository names them "
            + "(default: config.json, model.safetensors, vocab.json, merges.txt); none may lead outside --out") List<String> files;
    @Option(names = "--out", defaultValue = "models/gpt2", paramLabel = "DIR", description = "where to put them (default: ${DEFAULT-VALUE})") Path out;
    @Option(names = "--read-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "give up when the server sends nothing for this long (default: ${DEFAULT-VALUE})") double readTimeout;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.folder("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList();
    }

    /** A timeout in seconds as the options take it, refused unless positive and finite. */
    static Duration seconds(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value) || value > 86_400) {
            throw new IllegalArgumentException(option + " must be a number of seconds above 0 and at most 86400, got " + value);
        }
        return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = files == null ? HubDownloader.GPT2_FILES : files;
        for (String name : names) {
            try {
                HubDownloader.checkFileName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--files: " + e.getMessage(), e);
            }
        }
        StderrProgress progress = new StderrProgress();
        HubDownloader downloader = new HubDownloader(base == null ? HubDownloader.defaultBase() : base, seconds("--read-timeout", readTimeout));
        Map<String, String> known = repo.equals("gpt2") ? HubDownloader.GPT2_KNOWN_SHA256 : Map.of();
        CancellationToken cancel = new CancellationToken();
        List<HubDownloader.Fetched> fetched;
        try {
            fetched = downloader.download(repo, revision, names, out, known, progress, cancel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--files: " + e.getMessage(), e);
        }
        for (HubDownloader.Fetched f : fetched) {
            progress.say(f.name() + ": checked " + f.checked());
        }
        progress.say("model ready in " + out + ": use --model " + out);
        return 0;
    }
}
