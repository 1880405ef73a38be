package org.eapexplorer.ui.patching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.eapexplorer.attribution.PatchingSweep;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.task.JobHandle;
import org.eapexplorer.task.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.EdgeDetails;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.ResultJobs;
import org.eapexplorer.ui.export.FileExports;
import org.eapexplorer.ui.run.ModelCache;

/**
 * Exact patching against EAP: λ-curves of selected edges and the EAP-vs-patching scatter of the top N edges.
 * Patching runs on the model worker (sharing the run's {@link ModelCache}); exports on the file worker.
 *
 * <p>Selecting an edge (graph click, N/P, scatter, Compare list) shows its λ-curve with no button press: from the
 * {@link CurveCache} at once, else by a {@link CurveJob} that a newer selection cancels. A job the user starts (any
 * job that takes {@code AppState.job}) cancels a running curve rather than waiting behind it on the one model worker,
 * and when that job ends the edge selected then gets its curve.
 */
public final class PatchingViewModel {

    public static final int MAX_CURVES = 5;
    public static final int DEFAULT_TOP_N = 200;
    static final double FIGURE_WIDTH = 900;
    static final double FIGURE_HEIGHT = 520;

    private final AppState state;
    private final CircuitViewModel circuits;
    private final FileExports exports;
    private final ModelCache cache;
    private final ObservableList<LambdaCurve> curves = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PatchScatter> scatter = new ReadOnlyObjectWrapper<>(this, "scatter");
    private final ReadOnlyObjectWrapper<BitSet> brushed = new ReadOnlyObjectWrapper<>(this, "brushed");
    private final IntegerProperty topN = new SimpleIntegerProperty(this, "topN", DEFAULT_TOP_N);
    private final ResultJobs jobs;
    private final CurveCache curveCache = new CurveCache();
    private final CurveJob curveJob;
    /**
     * The last result of another method on the same model, prompts and graph, kept so that a λ-curve can show both
     * estimates (EAP's tangent and EAP-IG's line): run EAP, then EAP-IG, or the other way round. Null when none.
     */
    private AnalysisResult otherMethod;

    public PatchingViewModel(AppState state, CircuitViewModel circuits, TaskExecutor worker, TaskExecutor files,
                             ModelCache cache, ErrorReporter errors) {
        this.state = state;
        this.circuits = circuits;
        this.exports = new FileExports(state, files, errors);
        this.jobs = new ResultJobs(state, worker, errors);
        this.cache = cache;
        this.curveJob = new CurveJob(worker, cache, errors);
        state.resultProperty().addListener((obs, old, r) -> {
            curveJob.cancel();
            curveJob.clearMessage();
            curves.clear();
            curveCache.follow(r);
            scatter.set(null);
            otherMethod = otherMethodBeside(r, old, otherMethod);
        });
        scatter.addListener(o -> brushed.set(null));
        state.selectedEdgeProperty().addListener(o -> followSelection());
        state.jobProperty().addListener((obs, old, job) -> {
            if (job != null && old == null) {
                curveJob.cancel();   // the user's job goes first; followSelection picks the curve up when it ends
            } else if (job == null) {
                followSelection();
            }
        });
        // The Model box choosing another model (or back) changes whether the scores can be patched.
        state.modelDirProperty().addListener(o -> followSelection());
    }

    /**
     * Shows the selected edge's λ-curve: from the cache at once, else by a curve job (cancelling an older one);
     * while a user's job runs, nothing starts (the job's end calls this again); when the scores cannot be patched,
     * the λ-curves tab says why, once.
     */
    private void followSelection() {
        int edge = state.selectedEdge();
        AnalysisResult r = state.result();
        if (edge < 0 || r == null) {
            curveJob.cancel();
            curveJob.clearMessage();
            return;
        }
        double[] known = curveCache.get(r, edge);
        if (known != null) {
            curveJob.cancel();
            curveJob.clearMessage();
            show(r, edge, LambdaCurve.defaultLambdas(), known);
            return;
        }
        if (curveJob.edge() == edge || state.isBusy()) {
            return;
        }
        startCurve(r, edge);
    }

    private JobHandle startCurve(AnalysisResult r, int edge) {
        String why = jobs.cannotPatch(r);
        if (why != null) {
            curveJob.explain(why);
            return null;
        }
        return curveJob.start(r, edge, r.scores().graph().edgeName(edge), state.device(), effects -> {
            curveCache.put(r, edge, LambdaCurve.defaultLambdas(), effects);
            if (state.result() == r) {
                show(r, edge, LambdaCurve.defaultLambdas(), effects);
            }
        });
    }

    /** Adds (or moves to the end) {@code edge}'s curve with the tangent and estimate of the scores on screen. */
    private void show(AnalysisResult r, int edge, double[] lambdas, double[] effects) {
        add(curves, new LambdaCurve(edge, r.scores().graph().edgeName(edge), eapScore(r, edge), lambdas, effects, estimate(r, edge)));
    }

    /**
     * Puts {@code curve} last, keeping the pin of the curve it replaces, then drops the oldest unpinned curves while
     * more than {@link #MAX_CURVES} are shown; pinned curves and the newest stay.
     */
    static void add(List<LambdaCurve> shown, LambdaCurve curve) {
        boolean pinned = curve.pinned();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).edge() == curve.edge()) {
                pinned |= shown.get(i).pinned();
                shown.remove(i);
                break;
            }
        }
        shown.add(pinned == curve.pinned() ? curve : curve.withPinned(pinned));
        for (int i = 0; shown.size() > MAX_CURVES && i < shown.size() - 1; ) {
            if (shown.get(i).pinned()) {
                i++;
            } else {
                shown.remove(i);
            }
        }
    }

    /** Pins or unpins {@code edge}'s curve (nothing when it has none): a pinned curve outlives any number of selections. */
    public void pin(int edge, boolean pinned) {
        for (int i = 0; i < curves.size(); i++) {
            if (curves.get(i).edge() == edge && curves.get(i).pinned() != pinned) {
                curves.set(i, curves.get(i).withPinned(pinned));
            }
        }
    }

    /** The shown curve of {@code edge}, or null. */
    public LambdaCurve curveOf(int edge) {
        for (LambdaCurve c : curves) {
            if (c.edge() == edge) {
                return c;
            }
        }
        return null;
    }

    /** The curve job's progress ("computing λ-curve of …"), or why no curve is computed; empty when neither. */
    public javafx.beans.property.ReadOnlyStringProperty curveMessageProperty() {
        return curveJob.messageProperty();
    }

    /** True while a curve job runs (the λ-curves tab's Cancel). */
    public javafx.beans.property.ReadOnlyBooleanProperty curveRunningProperty() {
        return curveJob.runningProperty();
    }

    /** The edge whose curve is being computed; -1 when none. */
    public int curveEdgeComputing() {
        return curveJob.edge();
    }

    /** Stops the running curve job (the λ-curves tab's Cancel); the Run panel's Cancel is for the user's own jobs. */
    public void cancelCurve() {
        curveJob.cancel();
    }

    /** The details panel's linearity row for {@code edge}: from its curve, or what is happening instead. */
    public String linearity(int edge) {
        LambdaCurve c = curveOf(edge);
        if (c != null) {
            return Linearity.of(c).describe();
        }
        if (curveJob.edge() == edge) {
            return "computing the λ-curve…";
        }
        if (state.isBusy()) {
            return "λ-curve after the running job";
        }
        AnalysisResult r = state.result();
        return r != null && jobs.cannotPatch(r) != null ? "no λ-curve (the λ-curves tab says why)" : "not computed";
    }

    /** The kept result of another method on the same inputs as the one on screen (see {@link #otherMethod}), or null. */
    public AnalysisResult otherMethodResult() {
        return otherMethod;
    }

    /** The result to keep beside {@code now}: the one it replaced, else the one kept, if on the same inputs by another method. */
    static AnalysisResult otherMethodBeside(AnalysisResult now, AnalysisResult replaced, AnalysisResult kept) {
        for (AnalysisResult candidate : new AnalysisResult[] {replaced, kept}) {
            if (now != null && candidate != null && !java.util.Objects.equals(candidate.method(), now.method()) && sameInputs(now, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean sameInputs(AnalysisResult a, AnalysisResult b) {
        return a.promptFile() != null && b.promptFile() != null && a.metric() == b.metric()
                && a.modelDir().toAbsolutePath().normalize().equals(b.modelDir().toAbsolutePath().normalize())
                && a.promptFile().toAbsolutePath().normalize().equals(b.promptFile().toAbsolutePath().normalize())
                && org.eapexplorer.circuit.EdgeTable.sameShape(a.scores().graph(), b.scores().graph());
    }

    /** EAP's score of {@code edge} from whichever result on these inputs is EAP's; NaN when neither is. */
    private double eapScore(AnalysisResult r, int edge) {
        for (AnalysisResult c : new AnalysisResult[] {r, otherMethod}) {
            if (c != null && c.method() != null && c.method().method() == org.eapexplorer.model.AttributionMethod.EAP) {
                return c.scores().score(edge);
            }
        }
        return Double.NaN;
    }

    /** Another method's score of {@code edge}, the result on screen's first; null when both are EAP's. */
    private MethodEstimate estimate(AnalysisResult r, int edge) {
        for (AnalysisResult c : new AnalysisResult[] {r, otherMethod}) {
            if (c != null && c.method() != null && c.method().method() != org.eapexplorer.model.AttributionMethod.EAP) {
                return new MethodEstimate(c.method(), c.scores().score(edge));
            }
        }
        return null;
    }

    /** The curves shown, oldest first, at most {@link #MAX_CURVES}. */
    public ObservableList<LambdaCurve> curves() {
        return curves;
    }

    public ReadOnlyObjectProperty<PatchScatter> scatterProperty() {
        return scatter.getReadOnlyProperty();
    }

    public PatchScatter scatter() {
        return scatter.get();
    }

    public IntegerProperty topNProperty() {
        return topN;
    }

    /** The current circuit's edges, for colouring the scatter (null before a result). */
    public BitSet circuitEdges() {
        Circuit c = circuits.circuit();
        return c == null ? null : c.edgeBits();
    }

    /**
     * Computes {@code edge}'s λ-curve now (even if cached), as selecting it does; null, with the reason in the
     * status line, when no model job can start (a user's job runs, or the scores cannot be patched).
     */
    public JobHandle computeCurve(int edge) {
        AnalysisResult r = jobs.ready();
        return r == null ? null : startCurve(r, edge);
    }

    /** Removes the unpinned curves; pinned ones stay until unpinned. */
    public void clearCurves() {
        curves.removeIf(c -> !c.pinned());
    }

    /** Patches the top {@link #topNProperty()} edges by |EAP| (cancellable) and shows them in the scatter. */
    public JobHandle patchTopN() {
        return patchTopN(topN.get());
    }

    public JobHandle patchTopN(int n) {
        AnalysisResult r = jobs.ready();
        ScoreRanking ranking = circuits.ranking();
        if (r == null || ranking == null) {
            return null;
        }
        if (n < 1) {
            state.say("N must be at least 1.");
            return null;
        }
        int count = Math.min(n, ranking.scoredCount());
        int[] edges = new int[count];
        double[] eap = new double[count];
        for (int i = 0; i < count; i++) {
            edges[i] = ranking.edgeAt(i);
            eap[i] = r.scores().score(edges[i]);
        }
        double[] one = {1.0};
        return submit("Patching top " + count + " edges", r, (patcher, graph, context) -> {
            double[][] effects = PatchingSweep.run(patcher, graph, edges, one, null, context, context.cancellation());
            double[] patched = new double[count];
            for (int i = 0; i < count; i++) {
                patched[i] = effects[i][0];
            }
            return PatchScatter.of(edges, eap, patched);
        }, s -> {
            scatter.set(s);
            return String.format(Locale.ROOT, "Patched %d edges: Pearson %.3f, Spearman %.3f", s.size(), s.pearson(), s.spearman());
        });
    }

    /**
     * Puts back a saved session's patching results on its result (shown first): the scatter (null for none) and the
     * λ-curves, oldest first (pinned ones and the last {@link #MAX_CURVES} are kept), as after the jobs that made
     * them; their effects go into the cache, so selecting their edges starts no job.
     */
    public void restore(PatchScatter savedScatter, List<LambdaCurve> savedCurves) {
        AnalysisResult r = state.result();
        if (r == null) {
            throw new IllegalStateException("a session's patching results need its result shown first");
        }
        List<LambdaCurve> kept = new ArrayList<>();
        for (LambdaCurve c : savedCurves) {
            add(kept, c);
            curveCache.put(r, c.edge(), c.lambdas(), c.effects());
        }
        curves.setAll(kept);
        scatter.set(savedScatter);
    }

    /** Selects the edge of the scatter's point {@code index} in the graph. */
    public void selectPoint(int index) {
        PatchScatter s = scatter.get();
        if (s != null && index >= 0 && index < s.size()) {
            state.select(s.edges()[index]);
        }
    }

    /**
     * Brushes the scatter's points {@code indices}: they are outlined, and the strongest of them by |EAP| is
     * selected in the graph (the window has one selected edge). An empty brush clears it.
     */
    public void brush(int[] indices) {
        PatchScatter s = scatter.get();
        if (s == null || indices.length == 0) {
            brushed.set(null);
            return;
        }
        BitSet bits = new BitSet();
        int strongest = indices[0];
        for (int i : indices) {
            bits.set(s.edges()[i]);
            if (Math.abs(s.eap()[i]) > Math.abs(s.eap()[strongest])) {
                strongest = i;
            }
        }
        brushed.set(bits);
        state.select(s.edges()[strongest]);
        state.say(String.format(Locale.ROOT, "%d edges brushed; selected the strongest, %s", indices.length,
                state.result().scores().graph().edgeName(s.edges()[strongest])));
    }

    /**
     * The exact effect of patching {@code edge} (λ = 1) where the scatter or a λ-curve has computed it, else
     * empty; the λ-curve wins, being the one asked for this edge.
     */
    public java.util.OptionalDouble exactEffect(int edge) {
        for (LambdaCurve c : curves) {
            if (c.edge() == edge) {
                return java.util.OptionalDouble.of(c.effectAtOne());
            }
        }
        PatchScatter s = scatter.get();
        for (int i = 0; s != null && i < s.size(); i++) {
            if (s.edges()[i] == edge) {
                return java.util.OptionalDouble.of(s.patched()[i]);
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /** "a0.h1->a1.h2<q>   EAP −0.0123   exact −0.0150": what hovering scatter point {@code i} shows. */
    public String pointDescription(int i) {
        PatchScatter s = scatter.get();
        return String.format(Locale.ROOT, "%s   EAP %s   exact %s", state.result().scores().graph().edgeName(s.edges()[i]),
                EdgeDetails.formatScore(s.eap()[i]), EdgeDetails.formatScore(s.patched()[i]));
    }

    /** The brushed edges (null when none). */
    public ReadOnlyObjectProperty<BitSet> brushedProperty() {
        return brushed.getReadOnlyProperty();
    }

    /** Cancels the user's patching job (the Run panel's Cancel). */
    public void cancel() {
        jobs.cancel();
    }

    /** The curves as .png, .svg or .csv (λ and effect per edge, with the EAP line). */
    public JobHandle exportCurves(Path out, double scale) {
        List<LambdaCurve> snapshot = new ArrayList<>(curves);
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("No curves to export yet.");
        }
        if (FileExports.isCsv(out)) {
            return exports.text("Export curves", out, () -> curvesCsv(snapshot));
        }
        return exports.figure("Export curves", out, scale, FIGURE_WIDTH, FIGURE_HEIGHT, c -> CurvePainter.paint(c, snapshot, FIGURE_WIDTH, FIGURE_HEIGHT));
    }

    /** The scatter as .png, .svg or .csv (edge, EAP score, exact effect, in circuit). */
    public JobHandle exportScatter(Path out, double scale) {
        PatchScatter s = scatter.get();
        if (s == null) {
            throw new IllegalStateException("No scatter to export yet: press “Patch top N” first.");
        }
        BitSet in = circuitEdges();
        int selected = state.selectedEdge();
        GraphIndex graph = state.result().scores().graph();
        if (FileExports.isCsv(out)) {
            return exports.text("Export scatter", out, () -> scatterCsv(s, graph, in));
        }
        return exports.figure("Export scatter", out, scale, FIGURE_WIDTH, FIGURE_HEIGHT, c -> ScatterPainter.paint(c, s, in, selected, FIGURE_WIDTH, FIGURE_HEIGHT));
    }

    static String curvesCsv(List<LambdaCurve> curves) {
        // The other method's line in two columns after EAP's, empty where the curve has none.
        StringBuilder b = new StringBuilder("edge,lambda,effect,eap_linear,estimate_method,estimate_linear\n");
        for (LambdaCurve k : curves) {
            for (int i = 0; i < k.lambdas().length; i++) {
                b.append(k.name()).append(',').append(k.lambdas()[i]).append(',').append(k.effects()[i]).append(',')
                        .append(k.hasEapScore() ? String.valueOf(k.eapScore() * k.lambdas()[i]) : "").append(',')
                        .append(k.estimate() == null ? "" : k.estimate().method().method().cliName()).append(',')
                        .append(k.estimate() == null ? "" : String.valueOf(k.estimate().at(k.lambdas()[i]))).append('\n');
            }
        }
        return b.toString();
    }

    static String scatterCsv(PatchScatter s, GraphIndex graph, BitSet in) {
        StringBuilder b = new StringBuilder("edge,eap_score,patching_effect,in_circuit\n");
        for (int i = 0; i < s.size(); i++) {
            b.append(graph.edgeName(s.edges()[i])).append(',').append(s.eap()[i]).append(',').append(s.patched()[i])
                    .append(',').append(in != null && in.get(s.edges()[i])).append('\n');
        }
        return b.toString();
    }

    private <T> JobHandle submit(String title, AnalysisResult r, PatchJob.Work<T> work, ResultJobs.Done<T> done) {
        return jobs.submit(title, r, new PatchJob<>(r, state.device(), cache, work), done);
    }
}
