package org.eapexplorer.ui.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.io.CompactScores;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.LargeGraphs;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;

/**
 * Score files and sessions at MIB's large models' sizes: Llama-3.1-8B's graph (32 × 32, 1,592,881 edges) and
 * Qwen2.5-0.5B's (24 × 14, 179,749), random heavy-tailed scores, each written and read back {@code runs} times. Not a
 * test: prints each time, the median and the file's size. Run it with
 * <pre>
 *   mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 *   java -Xmx3g -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *       org.eapexplorer.ui.session.MillionEdgeFilesBenchmark /tmp/edges 5 [json|compact|session ...]
 * </pre>
 * It also writes {@code llama-3.1-8b-shape.json} there (kept), the score file the CLI measurements read.
 */
public final class MillionEdgeFilesBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        int runs = Integer.parseInt(args[1]);
        java.util.List<String> kinds = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : java.util.List.of("json", "session");
        System.out.printf(Locale.ROOT, "java %s, max heap %d MiB, %d processors%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, ModelConfig> shape : Map.of("qwen2.5-0.5b-shape", LargeGraphs.qwen25_05b(),
                "llama-3.1-8b-shape", LargeGraphs.llama31_8b()).entrySet().stream().sorted(Map.Entry.comparingByKey(
                java.util.Comparator.reverseOrder())).toList()) {
            GraphIndex graph = shape.getValue().graph();
            EdgeScores scores = LargeGraphs.randomScores(graph, 7, 0);
            ScoreFile file = new ScoreFile("/models/" + shape.getKey(), "/prompts/ioi.jsonl", "logit_diff", 20, "CPU", 1.5, -0.25,
                    Map.of("load", 1000.0, "eap", 2000.0), scores);
            System.out.printf(Locale.ROOT, "%s: %d × %d, %,d edges%n", shape.getKey(), graph.nLayer(), graph.nHead(), graph.edgeCount());
            for (String kind : kinds) {
                measure(dir, shape.getKey(), kind, file, runs);
            }
        }
    }

    private static void measure(Path dir, String name, String kind, ScoreFile file, int runs) throws Exception {
        Path out = dir.resolve(name + (kind.equals("session") ? ".eapsession.json" : kind.equals("compact") ? ".eapscores" : ".json"));
        double[] write = new double[runs];
        double[] read = new double[runs];
        long heap = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            write(out, kind, file);
            long t1 = System.nanoTime();
            Object back = read(out, kind);
            long t2 = System.nanoTime();
            write[i] = (t1 - t0) / 1e6;
            read[i] = (t2 - t1) / 1e6;
            float[] again = back instanceof ScoreFile s ? s.scores().scores() : ((Session) back).result().scores().scores();
            if (!Arrays.equals(again, file.scores().scores())) {
                throw new AssertionError(out + " did not read back the scores written");
            }
            System.out.printf(Locale.ROOT, "  %-8s run %d: write %8.0f ms, read %8.0f ms%n", kind, i + 1, write[i], read[i]);
        }
        System.out.printf(Locale.ROOT, "  %-8s %,d bytes; median write %.0f ms, median read %.0f ms (%d runs)%n", kind, Files.size(out),
                median(write), median(read), runs);
    }

    private static void write(Path out, String kind, ScoreFile file) throws Exception {
        switch (kind) {
            case "json" -> ScoreJson.write(out, file);
            case "compact" -> CompactScores.write(out, file, null, null);
            case "session" -> SessionJson.write(out, new Session(result(file), ComputeDevice.CPU, Threshold.topK(200), true, -1));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    private static Object read(Path out, String kind) throws Exception {
        return kind.equals("session") ? SessionJson.read(out) : ScoreJson.read(out);
    }

    private static AnalysisResult result(ScoreFile f) {
        return new AnalysisResult(Path.of(f.model()), Path.of(f.prompts()), "ioi.jsonl", MetricKind.LOGIT_DIFF, f.pairs(), f.device(),
                f.scores(), f.metricClean(), f.metricCorrupted(), 1000, 2000, null);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
