package org.eapexplorer.ui.patching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableList;
import org.eapexplorer.attribution.PatchingSweep;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.io.PatchCache;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.TaskExecutor;
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
 * The λ-curves follow the selection ({@link SelectionCurves}).
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
    private final Path patchCacheDir;
    private final ReadOnlyObjectWrapper<PatchScatter> scatter = new ReadOnlyObjectWrapper<>(this, "scatter");
    private final ReadOnlyObjectWrapper<BitSet> brushed = new ReadOnlyObjectWrapper<>(this, "brushed");
    private final IntegerProperty topN = new SimpleIntegerProperty(this, "topN", DEFAULT_TOP_N);
    private final ResultJobs jobs;
    private final SelectionCurves curves;
    /** Each λ-curve's colour and dash by its edge, kept while other curves come and go (window and exports alike). */
    private final org.eapexplorer.ui.charts.SeriesStyles curveStyles = new org.eapexplorer.ui.charts.SeriesStyles();
    /**
     * Every score set the window holds: a λ-curve shows EAP's tangent from the EAP set on the same model and prompts
     * and the line of another method's set beside it, however many runs lie between them (EAP, EAP-IG,
     * clean-corrupted, in any order). Null keeps only the result on screen.
     */
    private final org.eapexplorer.ui.ScoreSets sets;

    /**
     * @param patchCacheDir where finished edges are kept between sweeps and runs of the program, shared with
     *                      {@code patch-all} (same folder, same key); null keeps nothing
     */
    public PatchingViewModel(AppState state, CircuitViewModel circuits, TaskExecutor worker, TaskExecutor files,
                             ModelCache cache, Path patchCacheDir, ErrorReporter errors) {
        this(state, null, circuits, worker, files, cache, patchCacheDir, errors);
    }

    /** @param sets the window's score sets, where EAP's scores and another method's are looked up for a λ-curve */
    public PatchingViewModel(AppState state, org.eapexplorer.ui.ScoreSets sets, CircuitViewModel circuits, TaskExecutor worker,
                             TaskExecutor files, ModelCache cache, Path patchCacheDir, ErrorReporter errors) {
        this.state = state;
        this.sets = sets;
        this.patchCacheDir = patchCacheDir;
        this.circuits = circuits;
        this.exports = new FileExports(state, files, errors);
        this.jobs = new ResultJobs(state, worker, errors);
        this.cache = cache;
        this.curves = new SelectionCurves(state, jobs, new CurveJob(worker, cache, errors), this::curve);
        state.resultProperty().addListener((obs, old, r) -> scatter.set(null));
        scatter.addListener(o -> brushed.set(null));
    }

    /** {@code edge}'s curve from its exact effects, with EAP's tangent and the other method's line as known now. */
    private LambdaCurve curve(AnalysisResult r, int edge, double[] lambdas, double[] effects) {
        return new LambdaCurve(edge, r.scores().graph().edgeName(edge), eapScore(r, edge), lambdas, effects, estimate(r, edge));
    }

    /**
     * The newest result of another method than the one on screen, on the same model, prompts, metric and graph, among
     * the window's score sets; null when there is none.
     */
    public AnalysisResult otherMethodResult() {
        AnalysisResult now = state.result();
        return now == null ? null : newestBeside(now, c -> !java.util.Objects.equals(c.method(), now.method()));
    }

    /** The newest set on the same inputs as {@code now} (itself included) whose result {@code wanted} accepts; null when none. */
    private AnalysisResult newestBeside(AnalysisResult now, java.util.function.Predicate<AnalysisResult> wanted) {
        if (wanted.test(now)) {
            return now;
        }
        List<org.eapexplorer.ui.ScoreSet> all = sets == null ? List.of() : sets.sets();
        for (int i = all.size() - 1; i >= 0; i--) {
            AnalysisResult c = all.get(i).result();
            if (c != now && wanted.test(c) && sameInputs(now, c)) {
                return c;
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

    private static boolean isEap(AnalysisResult c) {
        return c.method() != null && c.method().method() == org.eapexplorer.model.AttributionMethod.EAP;
    }

    /** EAP's score of {@code edge} from the result on screen if it is EAP's, else from the newest EAP set on its inputs; NaN when none. */
    private double eapScore(AnalysisResult r, int edge) {
        AnalysisResult eap = newestBeside(r, PatchingViewModel::isEap);
        return eap == null ? Double.NaN : eap.scores().score(edge);
    }

    /** Another method's score of {@code edge}: the result on screen's if it is not EAP's, else the newest such set's; null when none. */
    private MethodEstimate estimate(AnalysisResult r, int edge) {
        AnalysisResult other = newestBeside(r, c -> c.method() != null && !isEap(c));
        return other == null ? null : new MethodEstimate(other.method(), other.scores().score(edge));
    }

    /** Which colour and dash each λ-curve takes, for the tab and its exports alike. */
    public org.eapexplorer.ui.charts.SeriesStyles curveStyles() {
        return curveStyles;
    }

    /** The curves shown, oldest first: the last {@link #MAX_CURVES} selected edges', and pinned ones. */
    public ObservableList<LambdaCurve> curves() {
        return curves.curves();
    }

    /**
     * Computes {@code edge}'s λ-curve now (even if cached), as selecting it does; null, with the reason in the
     * status line, when no model job can start (a user's job runs, or the scores cannot be patched).
     */
    public JobHandle computeCurve(int edge) {
        return curves.compute(edge);
    }

    /** Removes the unpinned curves; pinned ones stay until unpinned. */
    public void clearCurves() {
        curves.clear();
    }

    /** Pins or unpins {@code edge}'s curve (nothing when it has none): a pinned curve outlives any number of selections. */
    public void pin(int edge, boolean pinned) {
        curves.pin(edge, pinned);
    }

    /** The shown curve of {@code edge}, or null. */
    public LambdaCurve curveOf(int edge) {
        return curves.curveOf(edge);
    }

    /** The curve job's progress ("computing λ-curve of …"), or why no curve is computed; empty when neither. */
    public ReadOnlyStringProperty curveMessageProperty() {
        return curves.messageProperty();
    }

    /** True while a curve job runs (the λ-curves tab's Cancel). */
    public ReadOnlyBooleanProperty curveRunningProperty() {
        return curves.runningProperty();
    }

    /** Stops the running curve job (the λ-curves tab's Cancel); the Run panel's Cancel is for the user's own jobs. */
    public void cancelCurve() {
        curves.cancel();
    }

    /** The details panel's linearity row for {@code edge}: from its curve, or what is happening instead. */
    public String linearity(int edge) {
        return curves.linearity(edge);
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
        int[] fromCache = new int[1];
        return submit("Patching top " + count + " edges", r, (patcher, graph, context) -> {
            double[][] effects;
            try (PatchCache kept = patchCacheDir == null ? null
                    : PatchCache.forInputs(patchCacheDir, r.modelDir(), r.promptFile(), r.metric())) {
                fromCache[0] = kept == null ? 0 : cachedCount(kept, graph, edges, one[0]);
                effects = PatchingSweep.run(patcher, graph, edges, one, kept, context, context.cancellation());
            }
            double[] patched = new double[count];
            for (int i = 0; i < count; i++) {
                patched[i] = effects[i][0];
            }
            return PatchScatter.of(edges, eap, patched);
        }, s -> {
            scatter.set(s);
            return String.format(Locale.ROOT, "Patched %d edges (%d from the cache): Pearson %.3f, Spearman %.3f", s.size(),
                    fromCache[0], s.pearson(), s.spearman());
        });
    }

    private static int cachedCount(PatchCache kept, GraphIndex graph, int[] edges, double lambda) {
        int n = 0;
        for (int e : edges) {
            n += kept.get(graph.edgeName(e), lambda) != null ? 1 : 0;
        }
        return n;
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
        curves.restore(r, savedCurves);
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
     * Brushes the scatter's points {@code indices}: all their edges become the brushed set, outlined in the scatter and
     * highlighted in the graph, and exportable as a circuit ({@link #exportBrushed}); the strongest of them by |EAP|
     * becomes the selected edge, whose details the panel shows (the window has one selected edge). An empty brush
     * clears the set.
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
        state.say(String.format(Locale.ROOT, "%,d edges brushed, all highlighted in the graph; selected the strongest, %s",
                bits.cardinality(), state.result().scores().graph().edgeName(s.edges()[strongest])));
    }

    /**
     * The brushed edges as a circuit JSON file, written as the graph's circuit export writes one (the result's scores,
     * its source and metadata), through {@link FileExports} and so through an atomic write.
     */
    public JobHandle exportBrushed(Path out) {
        BitSet bits = brushed.get();
        ScoreRanking ranking = circuits.ranking();
        if (bits == null || bits.isEmpty() || ranking == null) {
            throw new IllegalStateException("No brushed edges to export: drag over points of the scatter first.");
        }
        AnalysisResult r = state.result();
        Circuit circuit = Circuit.of(ranking, new org.eapexplorer.circuit.Cut.Given(bits, bits.cardinality() + " edges brushed in the scatter"));
        return exports.write("Export brushed edges", out, () -> org.eapexplorer.ui.export.ExportViewModel.writeCircuitJson(out, circuit, r));
    }

    /**
     * The exact effect of patching {@code edge} (λ = 1) where the scatter or a λ-curve has computed it, else
     * empty; the λ-curve wins, being the one asked for this edge.
     */
    public java.util.OptionalDouble exactEffect(int edge) {
        LambdaCurve c = curves.curveOf(edge);
        if (c != null) {
            return java.util.OptionalDouble.of(c.effectAtOne());
        }
        PatchScatter s = scatter.get();
        for (int i = 0; s != null && i < s.size(); i++) {
            if (s.edges()[i] == edge) {
                return java.util.OptionalDouble.of(s.patched()[i]);
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /** "a0.h1->a1.h2<q>   EAP-IG (inputs) −0.0123   exact −0.0150": what hovering scatter point {@code i} shows. */
    public String pointDescription(int i) {
        PatchScatter s = scatter.get();
        return String.format(Locale.ROOT, "%s   %s %s   exact %s", state.result().scores().graph().edgeName(s.edges()[i]),
                state.result().methodLabel(),
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
        return exportCurves(out, org.eapexplorer.circuit.FigureSpec.natural(scale));
    }

    /** As above at the size, DPI and caption of {@code spec} (CSV ignores it). */
    public JobHandle exportCurves(Path out, org.eapexplorer.circuit.FigureSpec spec) {
        List<LambdaCurve> snapshot = new ArrayList<>(curves.curves());
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("No curves to export yet.");
        }
        if (FileExports.isCsv(out)) {
            return exports.text("Export curves", out, () -> curvesCsv(snapshot));
        }
        return exports.figure("Export curves", out, spec, FIGURE_WIDTH, FIGURE_HEIGHT, (c, w, h) -> CurvePainter.paint(c, snapshot, curveStyles, w, h));
    }

    /** The scatter as .png, .svg or .csv (edge, score, exact effect, in circuit, the method that made the scores). */
    public JobHandle exportScatter(Path out, double scale) {
        return exportScatter(out, org.eapexplorer.circuit.FigureSpec.natural(scale));
    }

    /** As above at the size, DPI and caption of {@code spec} (CSV ignores it). */
    public JobHandle exportScatter(Path out, org.eapexplorer.circuit.FigureSpec spec) {
        PatchScatter s = scatter.get();
        if (s == null) {
            throw new IllegalStateException("No scatter to export yet: press “Patch top N” first.");
        }
        BitSet in = circuitEdges();
        int selected = state.selectedEdge();
        GraphIndex graph = state.result().scores().graph();
        org.eapexplorer.model.MethodSpec method = state.result().method();
        String label = state.result().methodLabel();
        if (FileExports.isCsv(out)) {
            return exports.text("Export scatter", out, () -> scatterCsv(s, graph, in, method));
        }
        return exports.figure("Export scatter", out, spec, FIGURE_WIDTH, FIGURE_HEIGHT,
                (c, w, h) -> ScatterPainter.paint(c, s, label, in, selected, w, h));
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

    /** @param method what made the scores, named in each row (the CLI's name and EAP-IG's steps); null: not recorded */
    static String scatterCsv(PatchScatter s, GraphIndex graph, BitSet in, org.eapexplorer.model.MethodSpec method) {
        StringBuilder b = new StringBuilder("edge,score,patching_effect,in_circuit,method,steps\n");
        String m = method == null ? "," : method.method().cliName() + "," + method.steps();
        for (int i = 0; i < s.size(); i++) {
            b.append(graph.edgeName(s.edges()[i])).append(',').append(s.eap()[i]).append(',').append(s.patched()[i])
                    .append(',').append(in != null && in.get(s.edges()[i])).append(',').append(m).append('\n');
        }
        return b.toString();
    }

    private <T> JobHandle submit(String title, AnalysisResult r, PatchJob.Work<T> work, ResultJobs.Done<T> done) {
        return jobs.submit(title, r, new PatchJob<>(r, state.device(), cache, work), done);
    }
}
