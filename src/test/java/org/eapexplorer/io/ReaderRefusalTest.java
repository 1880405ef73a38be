package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.eapexplorer.eval.GroundTruth;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.ui.session.SessionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Score, session, prompt, truth and patching-cache files from a hostile or careless hand: each is refused with one
 * message naming the file and what is wrong, quickly, and never with a library's exception or an allocation the file
 * does not pay for.
 */
class ReaderRefusalTest {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    // ---- score files ---------------------------------------------------------------------------------------

    @Test
    void aScoreFileDeclaringAHugeGraphIsRefusedBeforeAllocatingIt() throws IOException {
        Path f = write("huge.json", "{\"cfg\": {\"n_layers\": 100000, \"n_heads\": 100000}, \"edges\": {\"input->a0.h0<q>\": {\"score\": 1}}}");
        String message = refusal(() -> ScoreJson.read(f));
        assertTrue(message.contains("100000 layers × 100000 heads") && message.contains("the file lists 1"), message);

        Path named = write("named.json", "{\"edges\": {\"a99999.h99999->logits\": 1, \"input->logits\": 2}}");
        message = refusal(() -> ScoreJson.read(named));
        assertTrue(message.contains("the edge names imply") && message.contains("100000 layers × 100000 heads"), message);

        Path wrapping = write("wrap.json", "{\"edges\": {\"a2147483647.h0->logits\": 1}}");
        message = refusal(() -> ScoreJson.read(wrapping));
        assertTrue(message.contains("2147483647 layers"), message);
    }

    @Test
    void aDuplicateEdgeInAScoreFileIsNamedNotSilentlyKept() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        StringBuilder edges = new StringBuilder();
        for (int e = 0; e < g.edgeCount(); e++) {
            edges.append(e == 0 ? "" : ",\n").append('"').append(g.edgeName(e)).append("\": {\"score\": ").append(e).append('}');
        }
        Path f = write("dup.json", "{\"cfg\": {\"n_layers\": 1, \"n_heads\": 1},\n\"edges\": {" + edges + ",\n\"" + g.edgeName(3) + "\": {\"score\": 99}}}");
        String message = refusal(() -> ScoreJson.read(f));
        assertTrue(message.contains("\"" + g.edgeName(3) + "\" appears twice") && message.contains("line " + (g.edgeCount() + 2)), message);
    }

    @Test
    void nonFiniteAndMistypedScoreFileValuesAreNamed() throws IOException {
        String body = ", \"a0.h0->logits\": {\"score\": 1}, \"input->logits\": {\"score\": 1}, \"input->a0.h0<q>\": {\"score\": 1},"
                + " \"input->a0.h0<k>\": {\"score\": 1}, \"input->a0.h0<v>\": {\"score\": 1}, \"input->m0\": {\"score\": 1}, \"m0->logits\": {\"score\": 1}}}";
        Path overflow = write("inf.json", "{\"cfg\": {\"n_layers\": 1, \"n_heads\": 1}, \"edges\": {\"a0.h0->m0\": {\"score\": 1e39}" + body);
        String message = refusal(() -> ScoreJson.read(overflow));
        assertTrue(message.contains("edge \"a0.h0->m0\"") && message.contains("1e39"), message);

        Path nan = write("nan.json", "{\"cfg\": {\"n_layers\": 1, \"n_heads\": 1}, \"edges\": {\"a0.h0->m0\": {\"score\": NaN}" + body);
        message = refusal(() -> ScoreJson.read(nan));
        assertTrue(message.contains("NaN") && message.contains("line 1, column"), message);

        Path word = write("word.json", "{\"cfg\": {\"n_layers\": \"two\", \"n_heads\": 1}, \"edges\": {\"a0.h0->m0\": {\"score\": 1}" + body);
        message = refusal(() -> ScoreJson.read(word));
        assertTrue(message.contains("\"cfg.n_layers\" must be a whole number"), message);

        Path metric = write("metric.json", "{\"metric_clean\": [1], \"cfg\": {\"n_layers\": 1, \"n_heads\": 1}, \"edges\": {\"a0.h0->m0\": {\"score\": 1}" + body);
        message = refusal(() -> ScoreJson.read(metric));
        assertTrue(message.contains("\"metric_clean\" must be a number"), message);
    }

    @Test
    void lenientJsonIsRefusedInPlainWords() throws IOException {
        Path unquoted = write("unquoted.json", "{edges: {}}");
        String message = refusal(() -> ScoreJson.read(unquoted));
        assertTrue(message.contains("line 1, column 2") && message.contains("expected a key in double quotes, found 'edges'"), message);

        Path single = write("single.json", "{'edges': {}}");
        message = refusal(() -> ScoreJson.read(single));
        assertTrue(message.contains("JSON strings take double quotes"), message);

        Path cut = write("cut.json", "{\"edges\": {\"input->a0.h0<q>\": ");
        message = refusal(() -> ScoreJson.read(cut));
        assertTrue(message.contains("line 1, column 31"), message);
    }

    // ---- session files -------------------------------------------------------------------------------------

    @Test
    void aSessionDeclaringAHugeGraphIsRefusedBeforeAllocatingIt() throws IOException {
        Path f = write("huge-session.json", session(100000, 100000, "[1, 2, 3]", ""));
        String message = refusal(() -> SessionJson.read(f));
        assertTrue(message.contains("100000 layers × 100000 heads") && message.contains("the file lists 3"), message);
    }

    @Test
    void aSessionsHybridGridIsAllocatedOnlyAsFarAsItsCellsAreListed() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        String sizes = String.join(", ", Collections.nCopies(200_000, "1"));
        String rows = String.join(", ", Collections.nCopies(200_000, "[]"));
        String hybrid = ", \"hybrid\": {\"score\": \"kl\", \"truth_source\": \"t\", \"truth_edges\": [\"" + g.edgeName(0) + "\"], "
                + "\"eap_edges\": [" + sizes + "], \"taus\": [" + sizes + "], \"eap_only_tpr\": [" + sizes + "], \"eap_only_fpr\": [" + sizes
                + "], \"cells\": [" + rows + "]}";
        Path f = write("grid.json", session(1, 1, scores(g), hybrid));
        String message = refusal(() -> SessionJson.read(f));
        assertTrue(message.contains("hybrid.cells[0]") && message.contains("must have 200000 entries"), message);
    }

    @Test
    void nonFiniteAndMistypedSessionValuesAreNamed() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        String overflow = scores(g).replaceFirst("0\\.5", "1e39");
        Path f = write("inf-session.json", session(1, 1, overflow, ""));
        String message = refusal(() -> SessionJson.read(f));
        assertTrue(message.contains("scores[0]") && message.contains(g.edgeName(0)) && message.contains("1e39"), message);

        Path nan = write("nan-session.json", session(1, 1, scores(g).replaceFirst("0\\.5", "NaN"), ""));
        message = refusal(() -> SessionJson.read(nan));
        assertTrue(message.contains("NaN is not a number JSON allows"), message);

        Path flag = write("flag-session.json", session(1, 1, scores(g), "").replace("\"n_heads\": 1", "\"n_heads\": 1, \"attn_only\": {}"));
        message = refusal(() -> SessionJson.read(flag));
        assertTrue(message.contains("cfg.attn_only") && message.contains("must be true or false"), message);

        Path threshold = write("threshold-session.json", session(1, 1, scores(g), "").replace("\"value\": 3", "\"value\": \"3\""));
        message = refusal(() -> SessionJson.read(threshold));
        assertTrue(message.contains("threshold.value") && message.contains("must be a number"), message);
    }

    // ---- prompt files --------------------------------------------------------------------------------------

    @Test
    void anAnswerEqualToItsDistractorIsRefusedWithTheLine() throws IOException {
        Path f = write("p.jsonl", "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \" x\", \"distractor\": \" y\"}\n"
                + "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \" x\", \"distractor\": \" x\"}\n");
        String message = refusal(() -> PromptPairFile.read(f));
        assertTrue(message.startsWith(f + ":2: ") && message.contains("\" x\" is both an answer and a distractor"), message);

        Path lists = write("q.jsonl", "{\"clean\": \"a\", \"corrupted\": \"b\", \"answers\": [\" 1\", \" 2\"], \"distractors\": [\" 3\", \" 2\"], \"metric\": \"prob_diff\"}\n");
        message = refusal(() -> PromptPairFile.read(lists));
        assertTrue(message.startsWith(lists + ":1: ") && message.contains("\" 2\" is both an answer and a distractor"), message);

        Path twice = write("r.jsonl", "{\"clean\": \"a\", \"corrupted\": \"b\", \"answers\": [\" 1\", \" 1\"], \"distractors\": [\" 3\"], \"metric\": \"prob_diff\"}\n");
        message = refusal(() -> PromptPairFile.read(twice));
        assertTrue(message.startsWith(twice + ":1: ") && message.contains("answer \" 1\" is listed twice"), message);
    }

    @Test
    void aPromptLineWithAKeyTwiceOrInLenientJsonIsRefusedInPlainWords() throws IOException {
        Path f = write("d.jsonl", "{\"clean\": \"a\", \"corrupted\": \"b\", \"answer\": \" x\", \"distractor\": \" y\", \"answer\": \" z\"}\n");
        String message = refusal(() -> PromptPairFile.read(f));
        assertTrue(message.startsWith(f + ":1: ") && message.contains("\"answer\" appears twice") && message.contains("column 70"), message);

        Path lenient = write("l.jsonl", "{clean: 'a', \"corrupted\": \"b\", \"answer\": \" x\", \"distractor\": \" y\"}\n");
        message = refusal(() -> PromptPairFile.read(lenient));
        assertTrue(message.startsWith(lenient + ":1: not valid JSON at column 2: expected a key in double quotes"), message);
        assertTrue(!message.contains("JsonReader") && !message.contains("Exception"), message);
    }

    @Test
    void aPromptFileWithoutLineBreaksIsReadOnlyToItsBound() throws IOException {
        Path f = dir.resolve("one-line.jsonl");
        Files.writeString(f, "{\"clean\": \"" + "a".repeat(64 << 20) + "\"}");
        String message = refusal(() -> PromptPairFile.read(f));
        assertTrue(message.startsWith(f + ":1: the line is longer than 67108864 characters"), message);

        Path folder = Files.createDirectory(dir.resolve("folder.jsonl"));
        message = refusal(() -> PromptPairFile.read(folder));
        assertEquals(folder + ": is a directory, not a prompt file", message);
        message = refusal(() -> ScoreJson.read(folder));
        assertEquals(folder + ": is a directory, not a file", message);
    }

    // ---- ground truths ---------------------------------------------------------------------------------------

    @Test
    void malformedDirectEdgesAndNonFiniteNumbersInATruthAreNamed() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        String head = "{\"model\": \"m\", \"derivation\": \"d\", \"edges\": [{\"name\": \"a0.h0->logits\"}]";
        Path list = write("t1.json", head + ", \"direct_computation_edges\": {\"to\": \"a0.0<q>_input\"}}");
        String message = refusal(() -> TruthEdges.read(list, g));
        assertTrue(message.contains("\"direct_computation_edges\" must be a list"), message);

        Path item = write("t2.json", head + ", \"direct_computation_edges\": [\"a0.0<q>_input\"]}");
        message = refusal(() -> TruthEdges.read(item, g));
        assertTrue(message.contains("direct_computation_edges[0]") && message.contains("\"to\""), message);

        Path missing = write("t3.json", head + ", \"direct_computation_edges\": [{\"from\": \"x\"}]}");
        message = refusal(() -> TruthEdges.read(missing, g));
        assertTrue(message.contains("direct_computation_edges[0]"), message);

        Path huge = write("t4.json", head + ", \"head_scores\": {\"a0.h0\": {\"induction\": 1e999}}}");
        message = refusal(() -> GroundTruth.read(huge));
        assertTrue(message.contains("head_scores.a0.h0.induction") && message.contains("1e999"), message);
    }

    // ---- the patching cache ----------------------------------------------------------------------------------

    @Test
    void aCacheLineWithANonFiniteEffectIsRefusedButACutOffLineIsRecomputed() throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("model.safetensors"), "weights");
        Path prompts = write("p.jsonl", "prompts");
        Path cacheDir = dir.resolve("cache");
        Path file;
        try (PatchCache cache = PatchCache.forInputs(cacheDir, model, prompts, org.eapexplorer.model.MetricKind.LOGIT_DIFF)) {
            cache.put("a0.h0->logits", 1.0, 0.5);
            file = cache.file();
        }
        Files.writeString(file, Files.readString(file) + "{\"edge\": \"input->logits\", \"lambda\": 1.0, \"effect\": 1e999}\n");
        String message = refusal(() -> PatchCache.forInputs(cacheDir, model, prompts, org.eapexplorer.model.MetricKind.LOGIT_DIFF).close());
        assertTrue(message.startsWith(file + ":2: ") && message.contains("input->logits") && message.contains("\"effect\" must be a finite number"),
                message);

        // A kill cuts the last line short; the next run's first line must not be glued onto it and lost.
        Files.writeString(file, "{\"edge\": \"a0.h0->logits\", \"lambda\": 1.0, \"effect\": 0.5}\n{\"edge\": \"input->lo");
        try (PatchCache cache = PatchCache.forInputs(cacheDir, model, prompts, org.eapexplorer.model.MetricKind.LOGIT_DIFF)) {
            assertEquals(1, cache.size());
            cache.put("input->logits", 1.0, 0.25);
        }
        try (PatchCache cache = PatchCache.forInputs(cacheDir, model, prompts, org.eapexplorer.model.MetricKind.LOGIT_DIFF)) {
            assertEquals(0.25, cache.get("input->logits", 1.0));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The message of the IOException {@code read} ends in, which must name the file and come quickly. */
    private static String refusal(Executable read) {
        IOException e = assertTimeoutPreemptively(QUICK, () -> assertThrows(IOException.class, read));
        return e.getMessage();
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static String scores(GraphIndex g) {
        return "[" + String.join(", ", Collections.nCopies(g.edgeCount(), "0.5")) + "]";
    }

    private static String session(int layers, int heads, String scores, String extra) {
        return "{\"format\": \"eap-explorer-session\", \"version\": 2, \"model\": \"/m\", \"prompts\": null, \"metric\": \"logit_diff\","
                + " \"pairs\": 1, \"threshold\": {\"mode\": \"top_k\", \"value\": 3}, \"cfg\": {\"n_layers\": " + layers
                + ", \"n_heads\": " + heads + "}" + extra + ", \"scores\": " + scores + "}";
    }
}
