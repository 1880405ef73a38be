package org.eapexplorer.ui.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.ResultJobs;
import org.eapexplorer.ui.export.FileExports;
import org.eapexplorer.ui.run.ModelCache;

/**
 * The EAP→ACDC hybrid (the paper's Figures 5 and 8): ACDC run on the edges EAP keeps at several sizes and
 * thresholds τ, each cell scored against the ROC panel's reference circuit, as a cancellable job on the model
 * worker. The grid is dropped when the scores change.
 */
public final class HybridViewModel {

    /** The τ a new grid starts with: from where ACDC prunes little to where it prunes much on a logit difference or KL. */
    public static final double[] DEFAULT_TAUS = {1e-3, 3.16e-3, 1e-2, 3.16e-2, 0.1, 0.316};
    static final double FIGURE_WIDTH = 1200;
    static final double FIGURE_HEIGHT = 520;

    private final AppState state;
    private final CircuitViewModel circuits;
    private final EvalViewModel eval;
    private final ModelCache cache;
    private final ResultJobs jobs;
    private final FileExports exports;
    private final ReadOnlyObjectWrapper<HybridFigure> figure = new ReadOnlyObjectWrapper<>(this, "figure");

    public HybridViewModel(AppState state, CircuitViewModel circuits, EvalViewModel eval, TaskExecutor worker, TaskExecutor files,
                           ModelCache cache, ErrorReporter errors) {
        this.state = state;
        this.circuits = circuits;
        this.eval = eval;
        this.cache = cache;
        this.jobs = new ResultJobs(state, worker, errors);
        this.exports = new FileExports(state, files, errors);
        state.resultProperty().addListener(o -> figure.set(null));
    }

    public ReadOnlyObjectProperty<HybridFigure> figureProperty() { return figure.getReadOnlyProperty(); }

    public HybridFigure figure() { return figure.get(); }

    /**
     * What the empty figure says: why the grid cannot run now, that it is running, or null (press Run hybrid).
     */
    public String problem() {
        if (state.result() == null) {
            return "Run EAP first.";
        }
        if (jobs.isRunning()) {
            return "The hybrid grid is running (progress in the status bar); it is drawn when every cell is done.";
        }
        if (eval.truth() == null) {
            return "The hybrid is scored against a reference circuit: load one in the ROC tab.";
        }
        return null;
    }

    /**
     * EAP sizes for a new grid: five, geometric, from half the reference circuit's edge count to four times it
     * (within the scored edges); without a reference, from 1% to 20% of the scored edges.
     */
    public int[] defaultSizes() {
        ScoreRanking ranking = circuits.ranking();
        if (ranking == null) {
            return new int[0];
        }
        int n = ranking.scoredCount();
        TruthEdges t = eval.truth();
        double lo = t == null ? n / 100.0 : t.edges().cardinality() / 2.0;
        double hi = t == null ? n / 5.0 : 4.0 * t.edges().cardinality();
        lo = Math.max(1, Math.min(lo, n));
        hi = Math.max(lo, Math.min(hi, n));
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            sizes.add((int) Math.round(lo * Math.pow(hi / lo, i / 4.0)));
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sizes parsed from "20, 40 80": positive whole numbers, sorted, duplicates dropped. */
    public static int[] parseSizes(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("give at least one EAP size");
        }
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String part : text.trim().split("[,\\s]+")) {
            try {
                int k = Integer.parseInt(part);
                if (k <= 0) {
                    throw new IllegalArgumentException("EAP sizes must be positive, got " + part);
                }
                sizes.add(k);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EAP sizes must be whole numbers separated by commas; \"" + part + "\" is not one");
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    public JobHandle compute(int[] eapSizes, double[] taus, AcdcScore score) {
        AnalysisResult r = jobs.ready();
        if (r == null) {
            return null;
        }
        String problem = problem();
        if (problem != null) {
            state.say(problem);
            return null;
        }
        TruthEdges truth = eval.truth();
        String title = String.format(Locale.ROOT, "Hybrid: %d %s sizes × %d τ", eapSizes.length, r.methodLabel(), taus.length);
        return jobs.submit(title, r, new CircuitJob<>(r, state.device(), cache,
                (runner, context) -> HybridGrid.run(runner, ScoreRanking.of(r.scores()), eapSizes.clone(), taus.clone(), score,
                        (java.util.BitSet) truth.edges().clone(), context, context.cancellation())), grid -> {
            figure.set(HybridFigure.of(r.scores(), grid, score, truth.source(), truth.edges()));
            HybridGrid.Cell best = grid.best();
            return String.format(Locale.ROOT, "Hybrid done: best J %.3f (%s top %d, τ %s, %d edges)", best.youdenJ(), r.methodLabel(), best.eapEdges(),
                    org.eapexplorer.eval.AcdcSweep.plain(best.tau()), best.keptEdges());
        });
    }

    /** The cells' circuits, the best (largest J) first, then row by row; cells whose circuit a file did not keep are left out. */
    public List<NamedCircuit> cellCircuits() {
        HybridFigure f = figure.get();
        if (f == null) {
            return List.of();
        }
        HybridGrid.Cell best = f.grid().best();
        String method = AnalysisResult.methodLabelOf(state.result());
        List<NamedCircuit> out = new java.util.ArrayList<>();
        for (HybridGrid.Cell[] row : f.grid().cells()) {
            for (HybridGrid.Cell c : row) {
                if (c.edges() != null) {
                    NamedCircuit named = new NamedCircuit(String.format(Locale.ROOT, "%s top %d → %s τ %s (J %.3f)", method, c.eapEdges(),
                            AcdcCurve.label(f.score()), org.eapexplorer.eval.AcdcSweep.plain(c.tau()), c.youdenJ()), c.edges());
                    out.add(c == best ? 0 : out.size(), named);
                }
            }
        }
        return out;
    }

    /** Draws a cell's circuit in the graph instead of the threshold's, until the threshold moves. */
    public void show(NamedCircuit cell) {
        eval.show(cell);
    }

    /** Shows a grid saved with the current result's session, as after a run (null: none). */
    public void restore(HybridFigure saved) {
        figure.set(saved);
    }

    public void cancel() {
        jobs.cancel();
    }

    /** The grid as .png, .svg or .csv (one row per cell, the method alone as τ = NaN, the method named in each row). */
    public JobHandle export(Path out, double scale) {
        return export(out, org.eapexplorer.circuit.FigureSpec.natural(scale));
    }

    /** As above at the size, DPI and caption of {@code spec} (CSV ignores it). */
    public JobHandle export(Path out, org.eapexplorer.circuit.FigureSpec spec) {
        HybridFigure f = figure.get();
        if (f == null) {
            throw new IllegalStateException("No hybrid grid to export: press “Run hybrid” first.");
        }
        AnalysisResult r = state.result();
        String method = AnalysisResult.methodLabelOf(r);
        String cliName = r == null || r.method() == null ? "" : r.method().method().cliName();
        if (FileExports.isCsv(out)) {
            return exports.text("Export hybrid grid", out, () -> csv(f, cliName));
        }
        return exports.figure("Export hybrid grid", out, spec, FIGURE_WIDTH, FIGURE_HEIGHT,
                (g, w, h) -> HybridPainter.paint(g, f, method, null, w, h));
    }

    /** @param method the CLI's name of the method whose top edges each row starts from ("eap-ig-inputs"); empty: not recorded */
    static String csv(HybridFigure f, String method) {
        HybridGrid.Result g = f.grid();
        StringBuilder b = new StringBuilder("top_edges,tau,kept_edges,tpr,fpr,youden_j,forward_passes,score,truth,method\n");
        String tail = "," + f.score().name().toLowerCase(Locale.ROOT) + "," + f.truthSource() + "," + method + "\n";
        for (int i = 0; i < g.eapEdges().length; i++) {
            b.append(g.eapEdges()[i]).append(",NaN,").append(g.eapEdges()[i]).append(',').append(g.eapOnlyTpr()[i]).append(',')
                    .append(g.eapOnlyFpr()[i]).append(',').append(g.eapOnlyTpr()[i] - g.eapOnlyFpr()[i]).append(",0").append(tail);
            for (HybridGrid.Cell c : g.cells()[i]) {
                b.append(c.eapEdges()).append(',').append(c.tau()).append(',').append(c.keptEdges()).append(',').append(c.tpr())
                        .append(',').append(c.fpr()).append(',').append(c.youdenJ()).append(',').append(c.forwardPasses()).append(tail);
            }
        }
        return b.toString();
    }

    /** "10, 20, 40": sizes as the field shows them. */
    static String formatSizes(int[] sizes) {
        return String.join(", ", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
