package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.SafetensorsFormatException;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.session.Session;
import org.eapexplorer.ui.session.SessionJson;

/**
 * Random mutations of valid files, read by the program's readers: each try must end in a result or in the program's
 * own refusal (an {@link IOException} of the program's kinds whose message starts with the file and leaks no library
 * internals), within a time bound and with no more memory allocated than a bound proportional to the file. Fixed seeds
 * keep the runs reproducible; the tries are few enough to take a few seconds.
 */
class ReaderPropertiesTest {

    /** What one read may allocate: a fixed allowance plus a multiple of the file's own size (a JSON tree costs a few dozen times the text). */
    private static final long ALLOWANCE = 64L << 20;
    private static final long PER_BYTE = 400;
    private static final Duration TIME = Duration.ofSeconds(5);

    private static final Set<Class<?>> OWN = Set.of(IOException.class, JsonFormatException.class, PromptFileException.class,
            ModelFormatException.class, SafetensorsFormatException.class);
    private static final List<String> LEAKS = List.of("Exception", "com.google", "JsonReader", "java.", "path $", "BEGIN_", "Strictness");

    private static final String[] INSERTS = {"\"", "{", "}", "[", "]", ",", ":", "-", "1e999", "NaN", "null", "true", "\"x\"", "100000",
        "-1", "2147483648", "0", "1.5", "\\", "\n", "'", "{\"a\": 1}", "[[[[", "\"\\u0000\"", "é", "\uD83D\uDE00", " "};
    private static final String[] NUMBERS = {"0", "-1", "1", "3", "100000", "2147483647", "2147483648", "9223372036854775808", "1e308",
        "1e999", "-1e999", "1.5", "-0", "1e-400", "99999999999999999999", "65536"};

    private static Path dir;
    private static ExecutorService worker;
    private static String scoreFile;
    private static String sessionFile;
    private static String configFile;
    private static String promptLines;
    private static byte[] safetensors;

    /** One change to a file's text: what kind, where (a fraction of its length), which replacement, how long a range. */
    record Mutation(int kind, double where, int choice, int length) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 16)).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @BeforeContainer
    static void validFiles() throws IOException {
        dir = Files.createTempDirectory("reader-properties");
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reader-under-test");
            t.setDaemon(true);
            return t;
        });
        GraphIndex g = GraphIndex.of(2, 2);
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = (e % 5) - 2.25f;
        }
        s[3] = Float.NaN;
        Path score = dir.resolve("valid-scores.json");
        ScoreJson.write(score, new ScoreFile("m", "p.jsonl", "logit_diff", 4, "CPU", 1.5, -0.5, java.util.Map.of("eap", 3.0), new EdgeScores(g, s)));
        scoreFile = Files.readString(score);

        Path session = dir.resolve("valid-session.json");
        s[3] = 0.125f;
        AnalysisResult r = new AnalysisResult(dir, dir.resolve("p.jsonl"), "p.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU", new EdgeScores(g, s), 1, 0, 0, 0);
        SessionJson.write(session, new Session(r, ComputeDevice.CPU, Threshold.topK(5), false, 2,
                org.eapexplorer.ui.session.Evaluation.NONE));
        // Every evaluation section too, as version 2 writes them, so that their readers are mutated as well.
        String sections = "\"truth\": {\"source\": \"t.json\", \"edges\": [\"input->a0.h0<q>\", \"a0.h0->logits\"],"
                + " \"direct_receivers\": [\"a1.h0<q>\"], \"head_classes\": {\"induction\": [\"a1.h0\"]}},\n"
                + "  \"roc_convention\": \"acdc\",\n"
                + "  \"acdc\": [{\"score\": \"kl\", \"circuits\": [{\"tau\": 0.01, \"forward_passes\": 20, \"final_score\": 0.5,"
                + " \"kept_edges\": [\"input->a0.h0<q>\"], \"removal_effects\": {\"input->a0.h0<q>\": 0.25, \"a0.h0->logits\": -0.5}}]}],\n"
                + "  \"faithfulness\": {\"edge_counts\": [1, 2, 3], \"metric\": [0.1, 0.2, 0.3], \"metric_full\": 1.0, \"metric_empty\": 0.0},\n"
                + "  \"patching_scatter\": [{\"edge\": \"input->a0.h0<q>\", \"eap\": 0.1, \"patched\": 0.2},"
                + " {\"edge\": \"a0.h0->logits\", \"eap\": 0.3, \"patched\": 0.1}, {\"edge\": \"input->logits\", \"eap\": -0.2, \"patched\": -0.1}],\n"
                + "  \"lambda_curves\": [{\"edge\": \"a0.h0->logits\", \"eap_score\": 0.5, \"lambdas\": [0, 0.5, 1], \"effects\": [0, 0.2, 0.5]}],\n"
                + "  \"shown_circuit\": {\"label\": \"ACDC\", \"edges\": [\"input->a0.h0<q>\"]},\n"
                + "  \"hybrid\": {\"score\": \"kl\", \"truth_source\": \"t.json\", \"truth_edges\": [\"input->a0.h0<q>\", \"a0.h0->logits\"],"
                + " \"eap_edges\": [2, 4], \"taus\": [0.01], \"eap_only_tpr\": [0.5, 1.0], \"eap_only_fpr\": [0.1, 0.2], \"cells\": ["
                + "[{\"kept_edges\": 1, \"tpr\": 0.5, \"fpr\": 0.0, \"forward_passes\": 3, \"edges\": [\"input->a0.h0<q>\"]}],"
                + " [{\"kept_edges\": 2, \"tpr\": 1.0, \"fpr\": 0.1, \"forward_passes\": 5}]]},\n  ";
        String written = Files.readString(session);
        sessionFile = written.replace("\"scores\":", sections + "\"scores\":");
        Files.writeString(session, sessionFile);
        Session back = SessionJson.read(session);
        assertTrue(back.evaluation().hybrid() != null && back.evaluation().lambdaCurves().size() == 1, "the valid session reads back whole");

        configFile = "{\n  \"model_type\": \"gpt2\",\n  \"n_layer\": 2,\n  \"n_head\": 4,\n  \"n_embd\": 64,\n  \"n_inner\": 128,\n"
                + "  \"n_positions\": 32,\n  \"vocab_size\": 64,\n  \"layer_norm_epsilon\": 1e-05,\n  \"activation_function\": \"gelu_new\",\n"
                + "  \"tie_word_embeddings\": true,\n  \"attn_only\": false,\n  \"positional_embedding_type\": \"standard\"\n}\n";
        promptLines = "{\"clean\": \"When Mary and John went\", \"corrupted\": \"When Alice and Bob went\", \"answer\": \" Mary\", \"distractor\": \" John\"}\n"
                + "# a comment\n"
                + "{\"clean\": \"a b\", \"corrupted\": \"c d\", \"answers\": [\" 1\", \" 2\"], \"distractors\": [\" 3\"], \"metric\": \"logit_diff\"}\n";

        Path tensors = dir.resolve("valid.safetensors");
        java.util.Map<String, TensorData> map = new java.util.LinkedHashMap<>();
        map.put("wte.weight", TensorData.f32(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        map.put("ln_f.bias", TensorData.f32(new float[] {0.5f, -0.5f}, 2));
        SafetensorsWriter.write(tensors, map, java.util.Map.of("format", "pt"));
        safetensors = Files.readAllBytes(tensors);
        assertTrue(DType.F32.byteSize() == 4);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        worker.shutdownNow();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 1000, seed = "20261203")
    void mutatedScoreFilesAreReadOrRefused(@ForAll("mutations") List<Mutation> changes) throws Exception {
        Path f = write("scores.json", mutate(scoreFile, changes));
        readsOrRefuses(f, () -> {
            ScoreFile read = ScoreJson.read(f);
            for (float x : read.scores().scores()) {
                assertTrue(!Float.isInfinite(x), "a score read is finite, or NaN for null");
            }
            assertTrue(!Double.isInfinite(read.metricClean()) && !Double.isInfinite(read.metricCorrupted()), "metrics are finite or absent");
            read.timingMillis().values().forEach(t -> assertTrue(Double.isFinite(t), "timings are finite"));
            return read;
        });
    }

    @Property(tries = 1000, seed = "20261204")
    void mutatedSessionFilesAreReadOrRefused(@ForAll("mutations") List<Mutation> changes) throws Exception {
        Path f = write("session.json", mutate(sessionFile, changes));
        readsOrRefuses(f, () -> {
            Session read = SessionJson.read(f);
            for (float x : read.result().scores().scores()) {
                assertTrue(!Float.isInfinite(x), "a score read is finite, or NaN for null");
            }
            assertTrue(!Double.isInfinite(read.result().metricClean()) && !Double.isInfinite(read.result().metricCorrupted()));
            if (read.evaluation().faithfulness() != null) {
                for (double x : read.evaluation().faithfulness().metric()) {
                    assertTrue(Double.isFinite(x), "faithfulness is finite");
                }
            }
            return read;
        });
    }

    @Property(tries = 1000, seed = "20261205")
    void mutatedConfigsAreReadOrRefused(@ForAll("mutations") List<Mutation> changes) throws Exception {
        Path f = write("config.json", mutate(configFile, changes));
        readsOrRefuses(f, () -> {
            var read = ModelFamilies.readConfig(f);
            assertTrue(Double.isFinite(read.layerNormEps()) && read.layerNormEps() > 0, "epsilon is a positive number");
            return read;
        });
    }

    @Property(tries = 1000, seed = "20261206")
    void mutatedPromptLinesAreReadOrRefused(@ForAll("mutations") List<Mutation> changes) throws Exception {
        Path f = write("prompts.jsonl", mutate(promptLines, changes));
        readsOrRefuses(f, () -> {
            for (PromptPair p : PromptPairFile.read(f).pairs()) {
                assertTrue(!p.answers().isEmpty() && !p.distractors().isEmpty());
            }
            return null;
        });
    }

    @Property(tries = 1000, seed = "20261207")
    void mutatedSafetensorsHeadersAreReadOrRefused(@ForAll("mutations") List<Mutation> changes) throws Exception {
        long length = ByteBuffer.wrap(safetensors, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(safetensors, 8, (int) length, StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOfRange(safetensors, 8 + (int) length, safetensors.length);
        byte[] mutated = mutate(header, changes).getBytes(StandardCharsets.UTF_8);
        Mutation first = changes.get(0);
        // Now and then the length field or the data section lies too.
        long declared = first.choice() % 7 == 0 ? mutated.length + first.length() - 8 : mutated.length;
        int dataBytes = first.choice() % 11 == 0 ? Math.max(0, data.length - first.length()) : data.length;
        ByteBuffer file = ByteBuffer.allocate(8 + mutated.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(declared).put(mutated).put(data, 0, dataBytes);
        Path f = dir.resolve("model.safetensors");
        Files.write(f, file.array());
        readsOrRefuses(f, () -> {
            try (SafetensorsFile st = SafetensorsFile.open(f)) {
                for (String name : st.names()) {
                    if (st.info(name).orElseThrow().dtype().isReadableAsFloat()) {
                        st.readFloats(name);
                    }
                }
            }
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Read {
        Object read() throws Exception;
    }

    /** Runs {@code read} on the worker thread, bounded in time and in the bytes that thread allocates. */
    private static void readsOrRefuses(Path file, Read read) throws Exception {
        long bound = ALLOWANCE + PER_BYTE * Files.size(file);
        Future<long[]> run = worker.submit(() -> {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable outcome = null;
            try {
                read.read();
            } catch (Throwable t) {
                outcome = t;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (outcome != null && !(outcome instanceof IOException && OWN.contains(outcome.getClass()))) {
                throw new AssertionError("not the program's own refusal: " + outcome + "\n" + preview(file), outcome);
            }
            if (outcome != null) {
                String message = String.valueOf(outcome.getMessage());
                assertTrue(message.startsWith(file.toString()), "the message names the file: " + message);
                for (String leak : LEAKS) {
                    assertTrue(!message.contains(leak), "the message leaks \"" + leak + "\": " + message);
                }
            }
            return new long[] {allocated};
        });
        long allocated;
        try {
            allocated = run.get(TIME.toMillis(), TimeUnit.MILLISECONDS)[0];
        } catch (TimeoutException e) {
            run.cancel(true);
            fail("took longer than " + TIME + " on\n" + preview(file));
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
        assertTrue(allocated <= bound, "allocated " + allocated + " bytes, more than the bound of " + bound + " for\n" + preview(file));
    }

    private static String preview(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, 0, Math.min(bytes.length, 1500), StandardCharsets.UTF_8);
            return text + (bytes.length > 1500 ? "…" : "");
        } catch (IOException e) {
            return file.toString();
        }
    }

    private static Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");

    static String mutate(String text, List<Mutation> changes) {
        String out = text;
        for (Mutation m : changes) {
            int at = (int) (m.where() * out.length());
            int end = Math.min(out.length(), at + m.length());
            switch (m.kind()) {
                case 0 -> out = out.substring(0, at) + out.substring(end);                                   // delete a range
                case 1 -> out = out.substring(0, at) + INSERTS[m.choice() % INSERTS.length] + out.substring(at); // insert a token
                case 2, 7, 8 -> out = replaceNth(out, NUMBER, m.choice(), NUMBERS[m.choice() % NUMBERS.length]); // another number (often: sizes live there)
                case 3 -> {                                                                                  // repeat a range elsewhere
                    int to = (int) ((m.choice() / 10_000.0) * out.length());
                    out = out.substring(0, to) + out.substring(at, end) + out.substring(to);
                }
                case 4 -> {                                                                                  // a string or key becomes another
                    List<String> strings = all(out, STRING);
                    if (!strings.isEmpty()) {
                        out = replaceNth(out, STRING, m.choice(), strings.get((m.choice() / 7) % strings.size()));
                    }
                }
                case 5 -> out = out.substring(0, at);                                                        // cut short
                default -> {                                                                                 // a value becomes another kind
                    String[] values = {"null", "[]", "{}", "\"1\"", "true", "[1, 2]", "{\"k\": 1}", "-5"};
                    out = replaceNth(out, NUMBER, m.choice(), values[m.choice() % values.length]);
                }
            }
        }
        return out;
    }

    private static List<String> all(String text, Pattern p) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String replaceNth(String text, Pattern p, int n, String replacement) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(n % spans.size());
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }
}
