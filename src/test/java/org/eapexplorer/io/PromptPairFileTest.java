package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptPairFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBothShapesOfLineAndSkipsCommentsAndBlanks() throws IOException {
        Path f = write("# IOI\n",
                "{\"clean\": \"a b\", \"corrupted\": \"c d\", \"answer\": \" Mary\", \"distractor\": \" John\"}",
                "",
                "{\"clean\": \"e f\", \"corrupted\": \"g h\", \"answers\": [\" x\", \" y\"], \"distractors\": [\" z\"], \"metric\": \"logit_diff\"}");
        PromptSet set = PromptPairFile.read(f);
        assertEquals(2, set.size());
        assertEquals(MetricKind.LOGIT_DIFF, set.metric());
        assertEquals(List.of(3, 5), set.lineNumbers());
        assertEquals(List.of(" x", " y"), set.pairs().get(1).answers());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\"}|:1: missing \"distractor\"",
        "{\"clean\": \"a\", \"answer\": \"x\", \"distractor\": \"y\"}|:1: missing \"corrupted\"",
        "{\"clean\": 3, \"corrupted\": \"b\", \"answer\": \"x\", \"distractor\": \"y\"}|:1: \"clean\" must be a string",
        "{\"clean\": \"a\", \"corrupted\": \"b\", \"answers\": [], \"distractor\": \"y\"}|:1: \"answers\" must be a non-empty list",
        "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\", \"answers\": [\"x\"], \"distractor\": \"y\"}|:1: give either",
        "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\", \"distractor\": \"y\", \"metric\": \"kl\"}|:1: unknown metric 'kl'",
        "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\", \"distractor\": \"y\", \"extra\": 1}|:1: unknown key \"extra\"",
        "{\"clean\": \"a\"|:1: not valid JSON",
        "[1, 2]|:1: expected a JSON object"})
    void badLinesNameTheFileAndLine(String line, String expected) throws IOException {
        Path f = write(line);
        PromptFileException e = assertThrows(PromptFileException.class, () -> PromptPairFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void oneFileUsesOneMetric() throws IOException {
        Path f = write("{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\", \"distractor\": \"y\"}",
                "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\", \"distractor\": \"y\", \"metric\": \"prob_diff\"}");
        PromptFileException e = assertThrows(PromptFileException.class, () -> PromptPairFile.read(f));
        assertTrue(e.getMessage().contains(":2: metric is prob_diff but line 1 uses logit_diff"), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreRefused() throws IOException {
        Path empty = write("# nothing\n");
        assertTrue(assertThrows(PromptFileException.class, () -> PromptPairFile.read(empty)).getMessage().contains("no prompt pairs"));
        Path missing = dir.resolve("missing.jsonl");
        assertTrue(assertThrows(PromptFileException.class, () -> PromptPairFile.read(missing)).getMessage().contains("no such prompt file"));
    }

    @Test
    void shippedPromptSetsParse() throws IOException {
        for (String name : List.of("ioi.jsonl", "ioi-acdc.jsonl", "greater-than.jsonl")) {
            PromptSet set = PromptPairFile.read(Path.of("sample-prompts", name));
            assertTrue(set.size() >= 100, name);
        }
        assertEquals(MetricKind.PROB_DIFF, PromptPairFile.read(Path.of("sample-prompts", "greater-than.jsonl")).metric());
    }

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("prompts.jsonl");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void theShippedDocstringPromptsUseAcdcsMetric() throws Exception {
        PromptSet set = PromptPairFile.read(Path.of("sample-prompts", "docstring.jsonl"));
        assertEquals(100, set.size());
        assertEquals(MetricKind.MAX_LOGIT_DIFF, set.metric());
        set.pairs().forEach(p -> {
            assertEquals(1, p.answers().size());
            assertEquals(13, p.distractors().size());
            assertTrue(!p.distractors().contains(p.answers().get(0)));
        });
        Path bad = dir.resolve("bad-metric.jsonl");
        Files.writeString(bad, "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \"x\", \"distractor\": \"y\", \"metric\": \"max\"}\n");
        PromptFileException e = assertThrows(PromptFileException.class, () -> PromptPairFile.read(bad));
        assertTrue(e.getMessage().contains("max_logit_diff"), e.getMessage());
    }
}
