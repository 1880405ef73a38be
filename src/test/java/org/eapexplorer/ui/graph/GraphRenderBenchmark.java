package org.eapexplorer.ui.graph;

import static org.eapexplorer.ui.WindowBenchmarks.median;
import static org.eapexplorer.ui.WindowBenchmarks.p90;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.Threshold;

/**
 * How long a threshold change takes to re-render the graph: a GPT-2-small-shaped graph (12 × 12, 32,491 edges)
 * with random heavy-tailed scores in a 1280 × 800 window (graph area about 1,000 × 620 px, fitted), headless
 * under Monocle with the software renderer. Not a test: prints medians. Run it with
 * <pre>
 *   mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) org.eapexplorer.ui.graph.GraphRenderBenchmark
 * </pre>
 * Per setting it reports (a) threshold → new circuit (binary search, prefix, pruning when on) plus the paint
 * calls on the canvas, which is what the FX thread spends, and (b) the same plus a snapshot of the canvas, which
 * forces the software rasteriser to draw every recorded command into pixels (an upper bound: it includes the
 * read-back of the image).
 */
public final class GraphRenderBenchmark {

    private static final int WARMUP = 8;
    private static final int RUNS = 31;

    public static void main(String[] args) throws Exception {
        headlessDefaults();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        // Default GPT-2 small; "32 32" gives Llama-3.1-8B's graph (1,592,881 edges), "24 14" Qwen2.5-0.5B's.
        GraphIndex graph = args.length >= 2 ? GraphIndex.of(Integer.parseInt(args[0]), Integer.parseInt(args[1])) : GraphIndex.of(12, 12);
        float[] scores = new float[graph.edgeCount()];
        Random random = new Random(7);
        for (int e = 0; e < scores.length; e++) {
            // Heavy-tailed like real EAP scores: most near zero, a few large.
            scores[e] = (float) (random.nextGaussian() * Math.exp(2 * random.nextGaussian()) * 1e-3);
        }
        AnalysisResult result = new AnalysisResult(java.nio.file.Path.of("random-gpt2-small"), null, "random", MetricKind.LOGIT_DIFF,
                0, "", new EdgeScores(graph, scores), 0, 0, 0, 0);

        GraphView[] view = new GraphView[1];
        double[] shown = new double[1];
        // As the window's jobs do since the rankings moved off the FX thread ("rank-on-fx" times the sort there, as before).
        boolean rankOnFx = args.length >= 4 && args[3].equals("rank-on-fx");
        AppState state = onFx(() -> {
            AppState s = new AppState();
            if (!rankOnFx) {
                Thread ranker = new Thread(() -> s.rankings().of(result.scores()));
                ranker.start();
                ranker.join();
            }
            CircuitViewModel circuits = new CircuitViewModel(s);
            GraphView g = new GraphView(s, circuits);
            // The threshold control and the histogram under the graph, as in the window: each threshold change repaints all three.
            javafx.scene.layout.VBox root = new javafx.scene.layout.VBox(new org.eapexplorer.ui.threshold.ThresholdPanel(s, circuits), g,
                    new org.eapexplorer.ui.charts.HistogramView(s, circuits));
            javafx.scene.layout.VBox.setVgrow(g, javafx.scene.layout.Priority.ALWAYS);
            ((javafx.scene.layout.Region) root.getChildren().get(2)).setPrefHeight(160);
            Stage stage = new Stage();
            stage.setScene(new Scene(root, 1000, 860));
            stage.show();
            s.setHideUnconnected(false);
            long t0 = System.nanoTime();
            s.showResult(result);
            root.layout();
            shown[0] = (System.nanoTime() - t0) / 1e6;
            view[0] = g;
            return s;
        });
        Thread.sleep(300);
        System.gc();
        Thread.sleep(200);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "showing the result (%shistogram, layout, first paint) on the FX thread: %.0f ms; "
                + "heap in use after GC %d MiB%n", rankOnFx ? "ranking, " : "", shown[0], (rt.totalMemory() - rt.freeMemory()) >> 20);
        System.out.printf(Locale.ROOT, "graph %d × %d, %,d edges; canvas %.0f × %.0f px; prism.order=%s%n", graph.nLayer(),
                graph.nHead(), graph.edgeCount(), view[0].canvas().getWidth(), view[0].canvas().getHeight(),
                System.getProperty("prism.order"));
        for (boolean prune : new boolean[] {false, true}) {
            for (int k : args.length >= 3 ? new int[] {100, 2_000, Integer.parseInt(args[2])} : new int[] {100, 2_000, graph.edgeCount()}) {
                measure(state, view[0], k, prune);
            }
        }
        Platform.exit();
    }

    private static void measure(AppState state, GraphView view, int k, boolean prune) throws Exception {
        double[] paint = new double[RUNS];
        double[] raster = new double[RUNS];
        double[] select = new double[RUNS];
        double[] cpu = new double[RUNS];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int[] drawn = new int[1];
        onFx(() -> {
            state.setHideUnconnected(prune);
            return null;
        });
        for (int i = -WARMUP; i < RUNS; i++) {
            // Alternate between k and k-1 so that every iteration is a real change.
            int kk = (i & 1) == 0 ? k : k - 1;
            int index = i;
            onFx(() -> {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                state.setThreshold(Threshold.topK(kk));
                view.paint();
                view.getScene().getRoot().layout();
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                WritableImage image = view.canvas().snapshot(null, null);
                long t2 = System.nanoTime();
                if (index >= 0) {
                    paint[index] = (t1 - t0) / 1e6;
                    cpu[index] = (c1 - c0) / 1e6;
                    raster[index] = (t2 - t0) / 1e6;
                }
                drawn[0] = view.drawnEdgeCount();
                // Selecting an edge (click, N/P) repaints highlights and nodes only.
                long t3 = System.nanoTime();
                state.select(view.layoutModel().graph().edgeCount() - 1 - (index & 7));
                view.paint();
                view.getScene().getRoot().layout();
                long t4 = System.nanoTime();
                if (index >= 0) {
                    select[index] = (t4 - t3) / 1e6;
                }
                return image;
            });
        }
        System.out.printf(Locale.ROOT, "top %6d%s: %6d edges drawn; threshold+paint median %7.2f ms (p90 %7.2f), FX thread CPU %7.2f ms; "
                        + "with rasterisation (snapshot) median %7.2f ms (p90 %7.2f); selection repaint median %6.2f ms%n",
                k, prune ? " pruned" : "       ", drawn[0], median(paint), p90(paint), median(cpu), median(raster), p90(raster),
                median(select));
    }



    /** The same headless setup as the UI tests, unless the caller chose otherwise (e.g. a real display). */
    private static void headlessDefaults() {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        System.setProperty("java.awt.headless", "true");
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        return org.eapexplorer.ui.WindowBenchmarks.onFx(action, 120);
    }
}
