package org.eapexplorer.ui.compare;

import static org.eapexplorer.ui.WindowBenchmarks.median;
import static org.eapexplorer.ui.WindowBenchmarks.p90;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.ScoreSets;

/**
 * How long the Compare tab takes on GPT-2 small's 32,491 edges: two score sets of a 12 × 12 graph (random heavy-tailed
 * scores, B = A plus noise), the rank plot in a 700 × 260 px chart (the tab's size at the default window), headless
 * under Monocle with the software renderer. Not a test: prints medians. Run as {@code GraphRenderBenchmark} is.
 * Reports (a) choosing another B: the rank comparison, the moved edges and the repaint, and (b) a selection change,
 * which repaints the plot only; each also with a snapshot, which makes the software rasteriser draw the points.
 */
public final class CompareRenderBenchmark {

    private static final int WARMUP = 6;
    private static final int RUNS = 21;

    public static void main(String[] args) throws Exception {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        GraphIndex graph = GraphIndex.of(12, 12);
        Random random = new Random(7);
        float[] a = new float[graph.edgeCount()];
        float[][] b = new float[2][graph.edgeCount()];
        for (int e = 0; e < a.length; e++) {
            a[e] = (float) (random.nextGaussian() * Math.exp(2 * random.nextGaussian()) * 1e-3);
            b[0][e] = a[e] * (float) Math.exp(0.5 * random.nextGaussian());
            b[1][e] = a[e] * (float) Math.exp(random.nextGaussian());
        }
        CompareView[] view = new CompareView[1];
        AppState state = onFx(() -> {
            AppState s = new AppState();
            CircuitViewModel circuits = new CircuitViewModel(s);
            ScoreSets sets = new ScoreSets(s);
            CompareViewModel model = new CompareViewModel(s, sets);
            CompareView v = new CompareView(s, circuits, model);
            Stage stage = new Stage();
            stage.setScene(new Scene(v, 1000, 290));
            stage.show();
            s.showResult(result(graph, a, "a"));
            s.showResult(result(graph, b[0], "b"));
            s.showResult(result(graph, b[1], "c"));
            view[0] = v;
            return s;
        });
        Thread.sleep(300);
        CompareView v = view[0];
        double[] choose = new double[RUNS];
        double[] chooseDrawn = new double[RUNS];
        double[] select = new double[RUNS];
        double[] selectDrawn = new double[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            int index = i;
            onFx(() -> {
                ScoreSet next = v.model().sets().sets().get(1 + (index & 1));
                long t0 = System.nanoTime();
                v.model().bProperty().set(next);
                v.layout();
                long t1 = System.nanoTime();
                v.snapshot(null, null);
                long t2 = System.nanoTime();
                state.select(v.model().movedProperty().get()[index & 7]);
                v.layout();
                long t3 = System.nanoTime();
                v.snapshot(null, null);
                long t4 = System.nanoTime();
                if (index >= 0) {
                    choose[index] = (t1 - t0) / 1e6;
                    chooseDrawn[index] = (t2 - t0) / 1e6;
                    select[index] = (t3 - t2) / 1e6;
                    selectDrawn[index] = (t4 - t2) / 1e6;
                }
                return null;
            });
        }
        System.out.printf(Locale.ROOT, "%,d edges, %d squares drawn; choose B: %.1f ms (with rasterisation %.1f); "
                        + "selection: %.1f ms (with rasterisation %.1f)%n", graph.edgeCount(), v.drawnPoints(), median(choose),
                median(chooseDrawn), median(select), median(selectDrawn));
        Platform.exit();
    }

    private static AnalysisResult result(GraphIndex g, float[] s, String name) {
        return new AnalysisResult(java.nio.file.Path.of("random-gpt2-small"), null, name, MetricKind.LOGIT_DIFF, 0, "",
                new EdgeScores(g, s), 0, 0, 0, 0);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        return org.eapexplorer.ui.WindowBenchmarks.onFx(action, 120);
    }
}
