package org.eapexplorer.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.download.HubDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Fetch a GPT-2 model from a Hugging Face-style hub into a local folder (the only command that uses the network). "
                + "Interrupted downloads resume; every file's size and SHA-256 are checked against the published values.")
final class DownloadCommand implements Callable<Integer>, WritesFiles {

    @Option(names = "--repo", defaultValue = "gpt2", paramLabel = "NAME", description = "repository (default: ${DEFAULT-VALUE}, GPT-2 small)") String repo;
    @Option(names = "--revision", defaultValue = "main", paramLabel = "REV") String revision;
    @Option(names = "--base-url", paramLabel = "URL", description = "the hub's address (default: $HF_ENDPOINT or https://huggingface.co)") URI base;
    @Option(names = "--files", split = ",", paramLabel = "F1,F2,…", description = "files to fetch (default: config.json, model.safetensors, vocab.json, merges.txt)") List<String> files;
    @Option(names = "--out", defaultValue = "models/gpt2", paramLabel = "DIR", description = "where to put them (default: ${DEFAULT-VALUE})") Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.folder("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList();
    }

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress();
        HubDownloader downloader = new HubDownloader(base == null ? HubDownloader.defaultBase() : base);
        Map<String, String> known = repo.equals("gpt2") ? HubDownloader.GPT2_KNOWN_SHA256 : Map.of();
        CancellationToken cancel = new CancellationToken();
        downloader.download(repo, revision, files == null ? HubDownloader.GPT2_FILES : files, out, known, progress, cancel);
        progress.say("model ready in " + out + ": use --model " + out);
        return 0;
    }
}
