package org.eapexplorer.ui.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.eval.Faithfulness;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.task.JobHandle;
import org.eapexplorer.task.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.ResultJobs;
import org.eapexplorer.ui.export.FileExports;
import org.eapexplorer.ui.run.ModelCache;
import org.eapexplorer.ui.run.RunEapJob;

/**
 * Evaluation of the current scores: the ROC curve against a reference circuit (the one shipped beside the model,
 * or one loaded from a file), computed on the FX thread since it is a sort; and the faithfulness curve, one
 * circuit forward pass per point, as a cancellable job on the model worker. Both carry a cursor at the current
 * threshold. Exports go to the file worker.
 */
public final class EvalViewModel {

    public static final int FAITHFULNESS_POINTS = 20;
    static final double FIGURE_WIDTH = 900;
    static final double FIGURE_HEIGHT = 520;

    private final AppState state;
    private final CircuitViewModel circuits;
    private final FileExports exports;
    private final ModelCache cache;
    private final ErrorReporter errors;
    private final ReadOnlyObjectWrapper<TruthEdges> truth = new ReadOnlyObjectWrapper<>(this, "truth");
    private final ObjectProperty<RocConvention> convention = new SimpleObjectProperty<>(this, "convention",
            RocConvention.AUTO_CIRCUIT);
    private final BooleanProperty showNodes = new SimpleBooleanProperty(this, "showNodes", false);
    private final ReadOnlyObjectWrapper<RocCurve> roc = new ReadOnlyObjectWrapper<>(this, "roc");
    private final ReadOnlyObjectWrapper<RocCurve> nodeRoc = new ReadOnlyObjectWrapper<>(this, "nodeRoc");
    private final ReadOnlyIntegerWrapper rocCursor = new ReadOnlyIntegerWrapper(this, "rocCursor", -1);
    private final ReadOnlyObjectWrapper<String> rocProblem = new ReadOnlyObjectWrapper<>(this, "rocProblem");
    private final ReadOnlyObjectWrapper<FaithfulnessCurve> faithfulness = new ReadOnlyObjectWrapper<>(this, "faithfulness");
    private final ReadOnlyIntegerWrapper faithfulnessCursor = new ReadOnlyIntegerWrapper(this, "faithfulnessCursor", -1);
    private final ResultJobs jobs;

    public EvalViewModel(AppState state, CircuitViewModel circuits, TaskExecutor worker, TaskExecutor files,
                         ModelCache cache, ErrorReporter errors) {
        this.state = state;
        this.circuits = circuits;
        this.exports = new FileExports(state, files, errors);
        this.jobs = new ResultJobs(state, worker, errors);
        this.cache = cache;
        this.errors = errors;
        state.resultProperty().addListener((obs, old, r) -> {
            faithfulness.set(null);
            truth.set(shippedTruth(r));
            updateRoc();
        });
        convention.addListener(o -> updateRoc());
        showNodes.addListener(o -> updateRoc());
        truth.addListener(o -> updateRoc());
        circuits.circuitProperty().addListener(o -> updateCursors());
        circuits.keptEdgesProperty().addListener(o -> updateCursors());
        faithfulness.addListener(o -> updateCursors());
        if (state.result() != null) {
            truth.set(shippedTruth(state.result()));
        }
        updateRoc();
    }

    public ReadOnlyObjectProperty<TruthEdges> truthProperty() { return truth.getReadOnlyProperty(); }
    public ObjectProperty<RocConvention> conventionProperty() { return convention; }
    /** Also draw the node-level (heads and MLPs) ROC curve. */
    public BooleanProperty showNodesProperty() { return showNodes; }
    public ReadOnlyObjectProperty<RocCurve> rocProperty() { return roc.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RocCurve> nodeRocProperty() { return nodeRoc.getReadOnlyProperty(); }
    /** The ROC point of the current threshold (−1 without a curve). */
    public ReadOnlyIntegerProperty rocCursorProperty() { return rocCursor.getReadOnlyProperty(); }
    /** Why there is no ROC curve ("no reference circuit", …), or null. */
    public ReadOnlyObjectProperty<String> rocProblemProperty() { return rocProblem.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<FaithfulnessCurve> faithfulnessProperty() { return faithfulness.getReadOnlyProperty(); }
    /** The faithfulness point at or below the current threshold's kept-edge count (−1 without a curve). */
    public ReadOnlyIntegerProperty faithfulnessCursorProperty() { return faithfulnessCursor.getReadOnlyProperty(); }

    public TruthEdges truth() { return truth.get(); }
    public RocCurve roc() { return roc.get(); }
    public RocCurve nodeRoc() { return nodeRoc.get(); }
    public int rocCursor() { return rocCursor.get(); }
    public FaithfulnessCurve faithfulness() { return faithfulness.get(); }
    public int faithfulnessCursor() { return faithfulnessCursor.get(); }

    /** The kept-edge count of the current threshold. */
    public int keptEdges() {
        return circuits.keptEdgesProperty().get();
    }

    /** The reference circuit shipped beside the model ({@code ground-truth.json}), or null. */
    private static TruthEdges shippedTruth(AnalysisResult r) {
        if (r == null || !r.hasReference()) {
            return null;
        }
        if (r.modelDir() != null) {
            Path file = r.modelDir().resolve(RunEapJob.GROUND_TRUTH);
            if (Files.isRegularFile(file)) {
                try {
                    return TruthEdges.read(file, r.scores().graph());
                } catch (IOException | RuntimeException e) {
                    // fall back to the edges the result carries
                }
            }
        }
        return new TruthEdges(RunEapJob.GROUND_TRUTH, r.referenceBits(), new BitSet(), Map.of());
    }

    /** Reads a reference circuit (ground-truth JSON) for the current model; errors are reported, not thrown. */
    public boolean loadTruth(Path file) {
        AnalysisResult r = state.result();
        if (r == null) {
            state.say("Run EAP first.");
            return false;
        }
        try {
            truth.set(TruthEdges.read(file, r.scores().graph()));
            state.say(String.format(Locale.ROOT, "Reference circuit %s: %d edges", file.getFileName(),
                    truth.get().edges().cardinality()));
            return true;
        } catch (IOException | RuntimeException e) {
            errors.report("Load reference circuit failed", e);
            return false;
        }
    }

    private void updateRoc() {
        AnalysisResult r = state.result();
        TruthEdges t = truth.get();
        RocCurve edges = null;
        RocCurve nodes = null;
        String problem = null;
        if (r == null) {
            problem = "Run EAP first.";
        } else if (t == null) {
            problem = "No reference circuit: the model has no ground-truth.json; press “Load truth…”.";
        } else {
            try {
                edges = EdgeRoc.edges(r.scores(), t.edges(), t.directReceivers(), convention.get());
                if (showNodes.get()) {
                    nodes = EdgeRoc.nodes(r.scores(), t.edges(), convention.get());
                }
            } catch (IllegalArgumentException e) {
                problem = "No ROC curve: " + e.getMessage();
            }
        }
        rocProblem.set(problem);
        nodeRoc.set(nodes);
        roc.set(edges);
        updateCursors();
    }

    private void updateCursors() {
        RocCurve c = roc.get();
        rocCursor.set(c == null || circuits.circuit() == null ? -1 : c.pointAt(circuits.absThreshold()));
        FaithfulnessCurve f = faithfulness.get();
        faithfulnessCursor.set(f == null ? -1 : f.pointAtOrBelow(keptEdges()));
    }

    /** Runs the faithfulness curve at {@link #FAITHFULNESS_POINTS} log-spaced edge counts (cancellable). */
    public JobHandle computeFaithfulness() {
        if (state.isBusy()) {
            state.say("A job is running; cancel it first.");
            return null;
        }
        AnalysisResult r = state.result();
        ScoreRanking ranking = circuits.ranking();
        if (r == null || ranking == null) {
            state.say("Run EAP first.");
            return null;
        }
        if (r.promptFile() == null) {
            state.say("These scores came from a session without its prompt file: run EAP again.");
            return null;
        }
        int[] counts = Faithfulness.logSpacedCounts(ranking.scoredCount(), FAITHFULNESS_POINTS);
        String title = "Faithfulness at " + counts.length + " circuit sizes";
        return jobs.submit(title, r, new FaithfulnessJob(r, state.device(), cache, counts), value -> {
            faithfulness.set(value);
            int at = value.pointAtOrBelow(keptEdges());
            return String.format(Locale.ROOT, "Faithfulness: %d edges recover %.3f (normalised)", value.edgeCounts()[at], value.normalized(at));
        });
    }

    public void cancel() {
        jobs.cancel();
    }

    /** The ROC curve as .png, .svg or .csv (fpr, tpr, threshold, kept edges; node curve too when shown). */
    public JobHandle exportRoc(Path out, double scale) {
        RocCurve c = roc.get();
        if (c == null) {
            throw new IllegalStateException("No ROC curve to export: it needs a reference circuit.");
        }
        RocCurve nodes = nodeRoc.get();
        int cursor = rocCursor.get();
        String source = truth.get().source();
        if (FileExports.isCsv(out)) {
            return exports.text("Export ROC", out, () -> rocCsv(c, nodes));
        }
        return exports.figure("Export ROC", out, scale, FIGURE_WIDTH, FIGURE_HEIGHT, g -> RocPainter.paint(g, c, nodes, cursor, source, FIGURE_WIDTH, FIGURE_HEIGHT));
    }

    /** The faithfulness curve as .png, .svg or .csv (edges, metric, fraction, normalised). */
    public JobHandle exportFaithfulness(Path out, double scale) {
        FaithfulnessCurve f = faithfulness.get();
        if (f == null) {
            throw new IllegalStateException("No faithfulness curve to export: press “Compute” first.");
        }
        int kept = keptEdges();
        if (FileExports.isCsv(out)) {
            return exports.text("Export faithfulness", out, () -> faithfulnessCsv(f));
        }
        return exports.figure("Export faithfulness", out, scale, FIGURE_WIDTH, FIGURE_HEIGHT,
                g -> FaithfulnessPainter.paint(g, f, kept, FIGURE_WIDTH, FIGURE_HEIGHT));
    }

    static String rocCsv(RocCurve c, RocCurve nodes) {
        StringBuilder b = new StringBuilder("level,convention,fpr,tpr,threshold,kept_edges,auc\n");
        for (RocCurve k : nodes == null ? new RocCurve[] {c} : new RocCurve[] {c, nodes}) {
            String level = k == c ? "edges" : "nodes";
            for (int i = 0; i < k.size(); i++) {
                b.append(level).append(',').append(k.convention().name()).append(',').append(k.fpr()[i]).append(',')
                        .append(k.tpr()[i]).append(',').append(k.thresholds()[i]).append(',').append(k.keptEdges()[i])
                        .append(',').append(k.auc()).append('\n');
            }
        }
        return b.toString();
    }

    static String faithfulnessCsv(FaithfulnessCurve f) {
        StringBuilder b = new StringBuilder("edges,metric,fraction,normalized\n");
        for (int i = 0; i < f.size(); i++) {
            b.append(f.edgeCounts()[i]).append(',').append(f.metric()[i]).append(',').append(f.fraction(i)).append(',')
                    .append(f.normalized(i)).append('\n');
        }
        return b.toString();
    }

}
