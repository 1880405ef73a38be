package org.eapexplorer.ui.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.Cut;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.eval.Faithfulness;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.ResultJobs;
import org.eapexplorer.ui.export.FileExports;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.run.ModelCache;
import org.eapexplorer.ui.run.RunEapJob;

/**
 * Evaluation of the current scores: the ROC curve against a reference circuit (the one shipped beside the model,
 * or one loaded from a file), computed on the FX thread since it is a sort, beside ACDC's curves (ACDC at several τ
 * as a cancellable job, the paper's Figure 2); and the faithfulness curve, one circuit forward pass per point, as a
 * cancellable job on the model worker. Both carry a cursor at the current threshold. Exports go to the file worker.
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
    private final ReadOnlyObjectWrapper<RocCurve> patchingRoc = new ReadOnlyObjectWrapper<>(this, "patchingRoc");
    private final ReadOnlyObjectProperty<PatchScatter> patched;
    private final ReadOnlyIntegerWrapper rocCursor = new ReadOnlyIntegerWrapper(this, "rocCursor", -1);
    private final ReadOnlyObjectWrapper<RocPoint> rocPoint = new ReadOnlyObjectWrapper<>(this, "rocPoint");
    private final ReadOnlyObjectWrapper<List<AcdcSweep>> acdcSweeps = new ReadOnlyObjectWrapper<>(this, "acdcSweeps", List.of());
    private final ReadOnlyObjectWrapper<List<AcdcCurve>> acdcCurves = new ReadOnlyObjectWrapper<>(this, "acdcCurves", List.of());
    private final ReadOnlyObjectWrapper<String> rocProblem = new ReadOnlyObjectWrapper<>(this, "rocProblem");
    private final ReadOnlyObjectWrapper<FaithfulnessCurve> faithfulness = new ReadOnlyObjectWrapper<>(this, "faithfulness");
    private final ReadOnlyIntegerWrapper faithfulnessCursor = new ReadOnlyIntegerWrapper(this, "faithfulnessCursor", -1);
    private final ResultJobs jobs;
    private final MibViewModel mib;
    private Path truthFile;
    /** Each ROC curve's colour and dash, kept by its name while others come and go (window and exports alike). */
    private final org.eapexplorer.ui.charts.SeriesStyles rocStyles = new org.eapexplorer.ui.charts.SeriesStyles();
    private final ReadOnlyObjectWrapper<List<ScoreSetCurve>> setCurves = new ReadOnlyObjectWrapper<>(this, "setCurves", List.of());
    private org.eapexplorer.ui.ScoreSets scoreSets;

    public EvalViewModel(AppState state, CircuitViewModel circuits, ReadOnlyObjectProperty<PatchScatter> patched,
                         TaskExecutor worker, TaskExecutor files, ModelCache cache, ErrorReporter errors) {
        this.state = state;
        this.circuits = circuits;
        this.patched = patched;
        this.exports = new FileExports(state, files, errors);
        this.jobs = new ResultJobs(state, worker, errors);
        this.cache = cache;
        this.errors = errors;
        this.mib = new MibViewModel(state, worker, cache, errors);
        state.resultProperty().addListener((obs, old, r) -> {
            faithfulness.set(null);
            acdcSweeps.set(List.of());
            useShippedTruth(r);
            updateRoc();
        });
        convention.addListener(o -> updateRoc());
        showNodes.addListener(o -> updateRoc());
        truth.addListener(o -> updateRoc());
        acdcSweeps.addListener(o -> updateAcdcCurves());
        patched.addListener(o -> updateRoc());
        circuits.circuitProperty().addListener(o -> updateCursors());
        circuits.keptEdgesProperty().addListener(o -> updateCursors());
        faithfulness.addListener(o -> updateCursors());
        if (state.result() != null) {
            useShippedTruth(state.result());
        }
        updateRoc();
    }

    public ReadOnlyObjectProperty<TruthEdges> truthProperty() { return truth.getReadOnlyProperty(); }
    public ObjectProperty<RocConvention> conventionProperty() { return convention; }
    /** Also draw the node-level (heads and MLPs) ROC curve. */
    public BooleanProperty showNodesProperty() { return showNodes; }
    public ReadOnlyObjectProperty<RocCurve> rocProperty() { return roc.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RocCurve> nodeRocProperty() { return nodeRoc.getReadOnlyProperty(); }
    /**
     * The ROC of exact activation patching (the "EAP vs patching" tab's sweep, |patched effect| as the score;
     * edges it did not patch are never kept), or null before a sweep: Figure 2c's activation-patching curve.
     */
    public ReadOnlyObjectProperty<RocCurve> patchingRocProperty() { return patchingRoc.getReadOnlyProperty(); }
    /** The ROC point of the current threshold (−1 without a curve). */
    public ReadOnlyIntegerProperty rocCursorProperty() { return rocCursor.getReadOnlyProperty(); }
    /**
     * Where the current threshold's circuit really sits: under ACDC's convention it may lie below the Pareto
     * curve, whose nearest point {@link #rocCursorProperty()} gives.
     */
    public ReadOnlyObjectProperty<RocPoint> rocPointProperty() { return rocPoint.getReadOnlyProperty(); }
    /** The circuits of the last ACDC run, one sweep over τ per score minimised. */
    public ReadOnlyObjectProperty<List<AcdcSweep>> acdcSweepsProperty() { return acdcSweeps.getReadOnlyProperty(); }
    /** ACDC's ROC curves against the current truth and convention. */
    public ReadOnlyObjectProperty<List<AcdcCurve>> acdcCurvesProperty() { return acdcCurves.getReadOnlyProperty(); }
    /** Why there is no ROC curve ("no reference circuit", …), or null. */
    public ReadOnlyObjectProperty<String> rocProblemProperty() { return rocProblem.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<FaithfulnessCurve> faithfulnessProperty() { return faithfulness.getReadOnlyProperty(); }
    /** The faithfulness point at or below the current threshold's kept-edge count (−1 without a curve). */
    public ReadOnlyIntegerProperty faithfulnessCursorProperty() { return faithfulnessCursor.getReadOnlyProperty(); }

    public TruthEdges truth() { return truth.get(); }
    /** The file the reference circuit was read from, or null when it came with the scores or a session alone. */
    public Path truthFile() { return truthFile; }
    public List<AcdcSweep> acdcSweeps() { return acdcSweeps.get(); }
    public RocCurve roc() { return roc.get(); }
    public RocCurve nodeRoc() { return nodeRoc.get(); }
    public RocCurve patchingRoc() { return patchingRoc.get(); }
    public int rocCursor() { return rocCursor.get(); }
    public RocPoint rocPoint() { return rocPoint.get(); }
    public List<AcdcCurve> acdcCurves() { return acdcCurves.get(); }

    /** ACDC's circuits on screen, one per score and τ, in the order the sweeps ran. */
    public List<NamedCircuit> acdcCircuits() {
        List<NamedCircuit> out = new java.util.ArrayList<>();
        for (AcdcSweep sweep : acdcSweeps.get()) {
            String name = AcdcCurve.label(sweep.score());
            for (int i = 0; i < sweep.taus().length; i++) {
                out.add(new NamedCircuit(name + " τ " + AcdcSweep.plain(sweep.taus()[i]), sweep.circuits().get(i)));
            }
        }
        return out;
    }

    /** Draws {@code c} in the graph (and exports it) instead of the threshold's circuit, until the threshold moves. */
    public void show(NamedCircuit c) {
        circuits.show(c.edges(), c.label());
        state.say(c + " shown; move the threshold to go back to the threshold's circuit");
    }

    /** The circuit {@link #show} drew instead of the threshold's, while it is on screen; null otherwise. */
    public NamedCircuit shown() {
        Circuit c = circuits.circuit();
        return c != null && c.cut() instanceof Cut.Given given ? new NamedCircuit(given.label(), given.edges()) : null;
    }

    /**
     * Draws every score set of the window on the ROC panel, each against the same reference circuit: the shown one as
     * the main curve, the others beside it.
     */
    public void compareWith(org.eapexplorer.ui.ScoreSets sets) {
        this.scoreSets = sets;
        sets.sets().addListener((javafx.collections.ListChangeListener<org.eapexplorer.ui.ScoreSet>) c -> updateRoc());
        updateRoc();
    }

    /** The other score sets' ROC curves (empty with one set, or no truth). */
    public ReadOnlyObjectProperty<List<ScoreSetCurve>> setCurvesProperty() { return setCurves.getReadOnlyProperty(); }

    /** Everything the ROC panel draws, as of now. */
    public RocFigure rocFigure() {
        TruthEdges t = truth.get();
        PatchScatter p = patched.get();
        Circuit shown = circuits.circuit();
        String pointLabel = shown != null && shown.cut() instanceof Cut.Given given ? given.label() : "threshold";
        return new RocFigure(roc.get(), nodeRoc.get(), acdcCurves.get(), patchingRoc.get(), p == null ? 0 : p.size(), rocCursor.get(), rocPoint.get(),
                pointLabel,
                t == null ? "" : t.source(), rocProblem.get(), setCurves.get(), shownName(),
                org.eapexplorer.ui.AnalysisResult.methodLabelOf(state.result()), rocStyles);
    }
    public FaithfulnessCurve faithfulness() { return faithfulness.get(); }
    public int faithfulnessCursor() { return faithfulnessCursor.get(); }

    /** The kept-edge count of the current threshold. */
    public int keptEdges() {
        return circuits.keptEdgesProperty().get();
    }

    /** The reference circuit shipped beside the model ({@code ground-truth.json}), or none. */
    private void useShippedTruth(AnalysisResult r) {
        truthFile = null;
        if (r == null) {
            truth.set(null);
            return;
        }
        // Also for scores without reference edges of their own (a score file): the model they name may ship its
        // circuit, and then a second method's scores of it get their ROC curve beside the first's.
        if (r.modelDir() != null) {
            Path file = r.modelDir().resolve(RunEapJob.GROUND_TRUTH);
            if (Files.isRegularFile(file)) {
                try {
                    TruthEdges shipped = TruthEdges.read(file, r.scores().graph());
                    truthFile = file;
                    truth.set(shipped);
                    return;
                } catch (IOException | RuntimeException e) {
                    // fall back to the edges the result carries
                }
            }
        }
        if (!r.hasReference()) {
            truth.set(null);
            return;
        }
        truth.set(new TruthEdges(RunEapJob.GROUND_TRUTH, r.referenceBits(), new BitSet(), Map.of()));
    }

    /** Reads a reference circuit (ground-truth JSON) for the current model; errors are reported, not thrown. */
    public boolean loadTruth(Path file) {
        AnalysisResult r = state.result();
        if (r == null) {
            state.say("Run EAP first.");
            return false;
        }
        try {
            TruthEdges loaded = TruthEdges.read(file, r.scores().graph());
            truthFile = file;
            truth.set(loaded);
            state.say(String.format(Locale.ROOT, "Reference circuit %s: %d edges", file.getFileName(),
                    truth.get().edges().cardinality()));
            return true;
        } catch (IOException | RuntimeException e) {
            errors.report("Load reference circuit failed", e);
            return false;
        }
    }

    /**
     * Puts back what a saved session's evaluation held, on the session's result (shown first): its reference
     * circuit (null keeps the one shipped with the model) and the file it came from, the counting convention (null
     * keeps the current one), ACDC's sweeps and the faithfulness curve. The ROC and ACDC curves and the cursors
     * follow from them as after a computation.
     */
    public void restore(TruthEdges savedTruth, Path savedTruthFile, RocConvention savedConvention, List<AcdcSweep> sweeps,
                        FaithfulnessCurve curve) {
        if (state.result() == null) {
            throw new IllegalStateException("a session's evaluation needs its result shown first");
        }
        if (savedTruth != null) {
            truthFile = savedTruthFile;
            truth.set(savedTruth);
        }
        if (savedConvention != null) {
            convention.set(savedConvention);
        }
        acdcSweeps.set(List.copyOf(sweeps));
        faithfulness.set(curve);
    }

    /** The shown set's name when the window holds more than one set, else null (the curve is then named by its method). */
    private String shownName() {
        if (scoreSets == null || scoreSets.sets().size() < 2 || scoreSets.current() == null) {
            return null;
        }
        return scoreSets.current().name();
    }

    /** The ROC curve of each set other than the shown one whose graph the truth is of. */
    private List<ScoreSetCurve> otherSetCurves(AnalysisResult shown, TruthEdges t) {
        List<ScoreSetCurve> out = new ArrayList<>();
        if (scoreSets == null || shown == null || t == null) {
            return out;
        }
        for (org.eapexplorer.ui.ScoreSet set : scoreSets.sets()) {
            if (set.result() != shown && set.graph().sameShape(shown.scores().graph())) {
                out.add(new ScoreSetCurve(set.name(), EdgeRoc.edges(set.result().scores(), t.edges(), t.directReceivers(),
                        convention.get())));
            }
        }
        return out;
    }

    private void updateRoc() {
        AnalysisResult r = state.result();
        TruthEdges t = truth.get();
        RocCurve edges = null;
        RocCurve nodes = null;
        RocCurve patching = null;
        List<ScoreSetCurve> others = List.of();
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
                PatchScatter p = patched.get();
                if (p != null && p.size() > 0) {
                    patching = EdgeRoc.edges(patchedScores(r, p), t.edges(), t.directReceivers(), convention.get());
                }
                others = otherSetCurves(r, t);
            } catch (IllegalArgumentException e) {
                problem = "No ROC curve: " + e.getMessage();
            }
        }
        setCurves.set(List.copyOf(others));
        rocProblem.set(problem);
        nodeRoc.set(nodes);
        patchingRoc.set(patching);
        roc.set(edges);
        updateAcdcCurves();
        updateCursors();
    }

    /** The exactly patched edges' effects as scores; every other edge NaN (never kept). */
    private static EdgeScores patchedScores(AnalysisResult r, PatchScatter p) {
        float[] s = new float[r.edgeCount()];
        java.util.Arrays.fill(s, Float.NaN);
        for (int i = 0; i < p.size(); i++) {
            s[p.edges()[i]] = (float) p.patched()[i];
        }
        return new EdgeScores(r.scores().graph(), s);
    }

    private void updateAcdcCurves() {
        TruthEdges t = truth.get();
        List<AcdcCurve> curves = new ArrayList<>();
        if (t != null) {
            for (AcdcSweep sweep : acdcSweeps.get()) {
                try {
                    List<RocPoint> points = sweep.circuits().stream()
                            .map(k -> EdgeRoc.point(sweep.graph(), k, t.edges(), t.directReceivers(), convention.get())).toList();
                    curves.add(new AcdcCurve(sweep, sweep.roc(t, convention.get()), points));
                } catch (IllegalArgumentException e) {
                    // the EAP curve already says why this truth gives no ROC
                }
            }
        }
        acdcCurves.set(List.copyOf(curves));
    }

    /** Runs ACDC at every τ, once per score (cancellable); the curves replace the last run's. */
    public JobHandle computeAcdc(double[] taus, List<AcdcScore> scores) {
        AnalysisResult r = jobs.ready();
        if (r == null) {
            return null;
        }
        String title = "ACDC at " + taus.length + " thresholds";
        List<AcdcScore> kinds = List.copyOf(scores);
        CircuitJob<List<AcdcSweep>> job = new CircuitJob<>(r, state.device(), cache, (runner, context) -> {
            List<AcdcSweep> sweeps = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                int done = i;
                String name = kinds.get(i) == AcdcScore.KL ? "KL, " : "task metric, ";
                org.eapexplorer.attribution.ProgressListener within = (current, total, message) -> context.progress(
                        (long) done * total + current, (long) kinds.size() * total, name + message);
                sweeps.add(AcdcSweep.run(runner, r.scores().graph(), kinds.get(i), taus, null, within, context.cancellation()));
            }
            return sweeps;
        });
        return jobs.submit(title, r, job, sweeps -> {
            acdcSweeps.set(List.copyOf(sweeps));
            StringBuilder b = new StringBuilder("ACDC done:");
            for (AcdcCurve c : acdcCurves.get()) {
                b.append(String.format(Locale.ROOT, " %s AUC %.3f;", c.label(), c.curve().auc()));
            }
            int passes = sweeps.stream().mapToInt(AcdcSweep::forwardPasses).sum();
            return b.append(' ').append(passes).append(" forward passes").toString();
        });
    }

    private void updateCursors() {
        RocCurve c = roc.get();
        Circuit shown = circuits.circuit();
        // A circuit shown instead of the threshold's (ACDC's) has its own point and none on EAP's curve.
        Cut.Given given = shown != null && shown.cut() instanceof Cut.Given g ? g : null;
        rocCursor.set(c == null || shown == null || given != null ? -1 : c.pointAt(circuits.absThreshold()));
        TruthEdges t = truth.get();
        AnalysisResult r = state.result();
        rocPoint.set(c == null || shown == null || r == null ? null
                : EdgeRoc.point(r.scores().graph(), given != null ? given.edges() : keptAt(r, circuits.absThreshold()),
                        t.edges(), t.directReceivers(), convention.get()));
        FaithfulnessCurve f = faithfulness.get();
        faithfulnessCursor.set(f == null ? -1 : f.pointAtOrBelow(keptEdges()));
    }

    /** The edges a |score| ≥ threshold cut keeps, as the ROC sweep counts them (NaN scores never). */
    private static BitSet keptAt(AnalysisResult r, double threshold) {
        float[] s = r.scores().scores();
        BitSet kept = new BitSet(s.length);
        for (int e = 0; e < s.length; e++) {
            if (Math.abs(s[e]) >= threshold) {
                kept.set(e);
            }
        }
        return kept;
    }

    /** Runs the faithfulness curve at {@link #FAITHFULNESS_POINTS} log-spaced edge counts (cancellable). */
    public JobHandle computeFaithfulness() {
        AnalysisResult r = jobs.ready();
        ScoreRanking ranking = circuits.ranking();
        if (r == null || ranking == null) {
            return null;
        }
        int[] counts = Faithfulness.logSpacedCounts(ranking.scoredCount(), FAITHFULNESS_POINTS);
        String title = "Faithfulness at " + counts.length + " circuit sizes";
        return jobs.submit(title, r, new CircuitJob<>(r, state.device(), cache,
                (runner, context) -> Faithfulness.curve(runner, ranking, counts, context, context.cancellation())), value -> {
            faithfulness.set(value);
            return "Faithfulness (normalised) at the threshold's " + FaithfulnessReading.at(value, keptEdges()).describe();
        });
    }

    /** MIB's CPR and CMD of the scores on screen (the Faithfulness tab's second chart). */
    public MibViewModel mib() {
        return mib;
    }

    public void cancel() {
        jobs.cancel();
        mib.cancel();
    }

    /** The ROC curve as .png, .svg or .csv (fpr, tpr, threshold, kept edges; node curve too when shown). */
    public JobHandle exportRoc(Path out, double scale) {
        return exportRoc(out, org.eapexplorer.circuit.FigureSpec.natural(scale));
    }

    /** As above at the size, DPI and caption of {@code spec} (CSV ignores it). */
    public JobHandle exportRoc(Path out, org.eapexplorer.circuit.FigureSpec spec) {
        RocCurve c = roc.get();
        if (c == null) {
            throw new IllegalStateException("No ROC curve to export: it needs a reference circuit.");
        }
        RocFigure figure = rocFigure();
        if (FileExports.isCsv(out)) {
            return exports.text("Export ROC", out, () -> EvalCsv.roc(figure));
        }
        return exports.figure("Export ROC", out, spec, FIGURE_WIDTH, FIGURE_HEIGHT, (g, w, h) -> RocPainter.paint(g, figure, w, h));
    }

    /** The faithfulness curve as .png, .svg or .csv (edges, metric, fraction, normalised). */
    public JobHandle exportFaithfulness(Path out, double scale) {
        return exportFaithfulness(out, org.eapexplorer.circuit.FigureSpec.natural(scale));
    }

    /** As above at the size, DPI and caption of {@code spec} (CSV ignores it). */
    public JobHandle exportFaithfulness(Path out, org.eapexplorer.circuit.FigureSpec spec) {
        FaithfulnessCurve f = faithfulness.get();
        if (f == null) {
            throw new IllegalStateException("No faithfulness curve to export: press “Compute” first.");
        }
        int kept = keptEdges();
        String shownInstead = circuits.shownInsteadLabel();
        String method = org.eapexplorer.ui.AnalysisResult.methodLabelOf(state.result());
        if (FileExports.isCsv(out)) {
            return exports.text("Export faithfulness", out, () -> EvalCsv.faithfulness(f));
        }
        return exports.figure("Export faithfulness", out, spec, FIGURE_WIDTH, FIGURE_HEIGHT,
                (g, w, h) -> FaithfulnessPainter.paint(g, f, method, kept, shownInstead, w, h));
    }

    /** The edge-role histograms as .png, .svg or .csv (role, edges, mean, std, then one row per score). */
    public JobHandle exportRoles(Path out, double scale, List<org.eapexplorer.eval.EdgeRoles.Role> roles) {
        return exportRoles(out, org.eapexplorer.circuit.FigureSpec.natural(scale), roles);
    }

    /** As above at the size, DPI and caption of {@code spec} (CSV ignores it). */
    public JobHandle exportRoles(Path out, org.eapexplorer.circuit.FigureSpec spec, List<org.eapexplorer.eval.EdgeRoles.Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalStateException("No edge roles to export: they need a reference circuit with head classes.");
        }
        double threshold = circuits.absThreshold();
        if (FileExports.isCsv(out)) {
            return exports.text("Export edge roles", out, () -> EvalCsv.roles(roles));
        }
        return exports.figure("Export edge roles", out, spec, FIGURE_WIDTH, FIGURE_HEIGHT,
                (g, w, h) -> RolesPainter.paint(g, roles, threshold, null, w, h));
    }
}
