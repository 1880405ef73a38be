package org.eapexplorer.ui.patching;

import static org.eapexplorer.ui.WindowBenchmarks.median;
import static org.eapexplorer.ui.WindowBenchmarks.p90;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.jobs.DirectTaskExecutor;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.run.ModelCache;

/**
 * How long the EAP-vs-patching scatter takes with every edge of GPT-2 small (32,491 points): EAP scores from a score
 * file (e.g. {@code score} on the GPT-2-small-shaped random model), patching effects made up from them (0.53 × EAP plus
 * heavy-tailed noise: timing needs positions, not real effects), the tab at the 1280 × 800 window's size, headless under
 * Monocle with the software renderer. Not a test: prints medians. Run as {@code GraphRenderBenchmark} is, with the score
 * file as the argument. Reports hover, click and brush (each on the FX thread, and with a snapshot, which makes the
 * software rasteriser draw), a whole new scatter for comparison, and a snapshot with nothing changed (its own cost).
 */
public final class ScatterRenderBenchmark {

    private static final int WARMUP = 8;
    private static final int RUNS = 31;

    public static void main(String[] args) throws Exception {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        EdgeScores eapScores = ScoreJson.read(Path.of(args[0])).scores();
        int n = eapScores.graph().edgeCount();
        int[] edges = new int[n];
        double[] eap = new double[n];
        double[] patched = new double[n];
        Random random = new Random(7);
        double spread = 0;
        for (int e = 0; e < n; e++) {
            spread += Math.abs(eapScores.score(e)) / n;
        }
        for (int e = 0; e < n; e++) {
            edges[e] = e;
            eap[e] = eapScores.score(e);
            patched[e] = 0.53 * eap[e] + spread * random.nextGaussian() * Math.exp(random.nextGaussian());
        }
        PatchScatter[] scatters = {PatchScatter.of(edges, eap, patched), PatchScatter.of(edges.clone(), eap.clone(), patched.clone())};

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        ScatterView[] view = new ScatterView[1];
        PatchingViewModel[] model = new PatchingViewModel[1];
        AppState state = onFx(() -> {
            AppState s = new AppState();
            CircuitViewModel circuits = new CircuitViewModel(s);
            PatchingViewModel m = new PatchingViewModel(s, circuits, new DirectTaskExecutor(), new DirectTaskExecutor(),
                    new ModelCache(), null, (title, error) -> error.printStackTrace());
            ScatterView v = new ScatterView(s, circuits, m, () -> null, (title, error) -> error.printStackTrace());
            Stage stage = new Stage();
            // The tab's share of the 1280 × 800 window with the chart area enlarged (Large charts): about 1250 × 560.
            stage.setScene(new Scene(v, 1250, 600));
            stage.show();
            s.showResult(new AnalysisResult(Path.of("gpt2-small-shaped"), null, "ioi", MetricKind.LOGIT_DIFF, 20, "",
                    eapScores, 0, 0, 0, 0));
            m.restore(scatters[0], List.of());
            view[0] = v;
            model[0] = m;
            return s;
        });
        Thread.sleep(500);
        ScatterView v = view[0];
        PatchingViewModel m = model[0];
        Point2D[] points = onFx(() -> {
            v.layout();
            Point2D[] p = new Point2D[n];
            for (int i = 0; i < n; i++) {
                p[i] = v.pointLocation(i);
            }
            return p;
        });
        // Brushes around the dense middle: the two boxes of 1/3 and 1/2 of the points' middle spread.
        double[] xs = Arrays.stream(points).mapToDouble(Point2D::getX).sorted().toArray();
        double[] ys = Arrays.stream(points).mapToDouble(Point2D::getY).sorted().toArray();
        double[][] brushes = {
                {xs[n / 3] , ys[n / 3], xs[2 * n / 3], ys[2 * n / 3]},
                {xs[n / 10], ys[n / 10], xs[9 * n / 10], ys[9 * n / 10]}};
        Random pick = new Random(1);
        double[][] t = new double[10][RUNS];
        int[] brushedCount = new int[2];
        for (int i = -WARMUP; i < RUNS; i++) {
            int index = i;
            Point2D hover = points[pick.nextInt(n)];
            Point2D click = points[pick.nextInt(n)];
            onFx(() -> {
                long t0 = System.nanoTime();
                v.hoverAt(hover.getX(), hover.getY());
                v.layout();
                long t1 = System.nanoTime();
                v.snapshot(null, null);
                long t2 = System.nanoTime();
                v.clickAt(click.getX(), click.getY());
                v.layout();
                long t3 = System.nanoTime();
                v.snapshot(null, null);
                long t4 = System.nanoTime();
                double[] b = brushes[index & 1];
                v.brush(b[0], b[1], b[2], b[3]);
                v.layout();
                long t5 = System.nanoTime();
                v.snapshot(null, null);
                long t6 = System.nanoTime();
                brushedCount[index & 1] = m.brushedProperty().get().cardinality();
                m.restore(scatters[(index + 1) & 1], List.of());
                v.layout();
                long t7 = System.nanoTime();
                v.snapshot(null, null);
                long t8 = System.nanoTime();
                v.layout();
                long t9 = System.nanoTime();
                v.snapshot(null, null);
                long t10 = System.nanoTime();
                if (index >= 0) {
                    long[] at = {t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10};
                    int[][] spans = {{0, 1}, {0, 2}, {2, 3}, {2, 4}, {4, 5}, {4, 6}, {6, 7}, {6, 8}, {8, 9}, {8, 10}};
                    for (int k = 0; k < spans.length; k++) {
                        t[k][index] = (at[spans[k][1]] - at[spans[k][0]]) / 1e6;
                    }
                }
                return null;
            });
        }
        System.out.printf(Locale.ROOT, "%,d points, chart %.0f × %.0f px, brushes of %,d and %,d points%n", n,
                v.chart().getLayoutBounds().getWidth(), v.chart().getLayoutBounds().getHeight(), brushedCount[0], brushedCount[1]);
        String[] names = {"hover", "click (select an edge)", "brush", "new scatter (all points drawn)",
                "nothing changed (snapshot's own cost)"};
        for (int k = 0; k < names.length; k++) {
            System.out.printf(Locale.ROOT, "%-32s FX thread %6.2f ms (p90 %6.2f)   with rasterisation %6.2f ms (p90 %6.2f)%n", names[k],
                    median(t[2 * k]), p90(t[2 * k]), median(t[2 * k + 1]), p90(t[2 * k + 1]));
        }
        Platform.exit();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        return org.eapexplorer.ui.WindowBenchmarks.onFx(action, 300);
    }
}
