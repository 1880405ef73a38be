package org.eapexplorer.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.io.InstallRoots;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * The prompt files shipped in {@code sample-prompts/}, and how they are made. Regenerate them with
 * {@code java -cp … org.eapexplorer.tasks.SamplePrompts [tokenizerDir [outDir]]}; a test checks that the
 * shipped files equal this output.
 */
public final class SamplePrompts {

    /** GPT-2's tokenizer files as shipped with the program, relative to the installation/project root. */
    public static final Path GPT2_TOKENIZER = Path.of("assets", "tokenizers", "gpt2");
    public static final Path SAMPLE_DIR = Path.of("sample-prompts");

    public static final String IOI = "ioi.jsonl";
    public static final String IOI_ACDC = "ioi-acdc.jsonl";
    public static final String GREATER_THAN = "greater-than.jsonl";

    private SamplePrompts() {
    }

    /** The shipped GPT-2 tokenizer folder, found in the working directory or beside the installed program. */
    public static Path gpt2Tokenizer() {
        return InstallRoots.detect().resolve(GPT2_TOKENIZER);
    }

    /** File name → pairs, for every shipped file. */
    public static Map<String, List<PromptPair>> build(Tokenizer gpt2) throws IOException {
        Map<String, List<PromptPair>> files = new LinkedHashMap<>();
        files.put(IOI, new IoiPromptGenerator(gpt2).generate(IoiPromptGenerator.DEFAULT_COUNT, IoiPromptGenerator.DEFAULT_SEED));
        files.put(IOI_ACDC, IoiPromptGenerator.acdcReference(gpt2));
        files.put(GREATER_THAN, new GreaterThanPromptGenerator(gpt2)
                .generate(GreaterThanPromptGenerator.DEFAULT_COUNT, GreaterThanPromptGenerator.DEFAULT_SEED));
        return files;
    }

    public static void writeAll(Tokenizer gpt2, Path outDir) throws IOException {
        for (Map.Entry<String, List<PromptPair>> e : build(gpt2).entrySet()) {
            PromptJsonl.write(outDir.resolve(e.getKey()), e.getValue());
        }
    }

    public static void main(String[] args) throws IOException {
        Path tokenizerDir = args.length > 0 ? Path.of(args[0]) : gpt2Tokenizer();
        Path outDir = args.length > 1 ? Path.of(args[1]) : SAMPLE_DIR;
        try (Tokenizer gpt2 = Tokenizer.load(tokenizerDir)) {
            writeAll(gpt2, outDir);
        }
        System.out.println("wrote " + IOI + ", " + IOI_ACDC + ", " + GREATER_THAN + " to " + outDir);
    }
}
