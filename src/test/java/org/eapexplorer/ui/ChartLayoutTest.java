package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.eapexplorer.circuit.BlankCanvas;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.circuit.TextWidths;
import org.eapexplorer.eval.AcdcResult;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.stats.RankComparison;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.charts.HistogramPainter;
import org.eapexplorer.ui.compare.RankScatterPainter;
import org.eapexplorer.ui.eval.AcdcCurve;
import org.eapexplorer.ui.eval.FaithfulnessPainter;
import org.eapexplorer.ui.eval.HybridFigure;
import org.eapexplorer.ui.eval.HybridPainter;
import org.eapexplorer.ui.eval.MibMetrics;
import org.eapexplorer.ui.eval.MibPainter;
import org.eapexplorer.ui.eval.RocFigure;
import org.eapexplorer.ui.eval.RocPainter;
import org.eapexplorer.ui.eval.RolesPainter;
import org.eapexplorer.ui.eval.ScoreSetCurve;
import org.eapexplorer.ui.patching.CurvePainter;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.MethodEstimate;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.patching.ScatterPainter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, item 2: every chart's text keeps apart and its legends off the data, checked on the charts' own layout
 * boxes (texts measured by {@link TextWidths}, data marks as the painters record them), at the size a chart gets in the
 * 1280 × 800 window and at the export size, with realistic data: several curves with close gaps, long edge and set
 * names, GPT-2-sized edge counts.
 */
public class ChartLayoutTest {

    /** A canvas that draws nothing and keeps every text (measured here, independently) and the layout's boxes and marks. */
    static final class Boxes extends BlankCanvas implements LabelLayout.Recorder {
        final List<LabelLayout.Box> drawn = new ArrayList<>();
        final List<LabelLayout.Box> boxes = new ArrayList<>();
        final List<LabelLayout.Mark> marks = new ArrayList<>();

        @Override
        public void box(LabelLayout.Box box) {
            boxes.add(box);
        }

        @Override
        public void mark(LabelLayout.Mark mark) {
            marks.add(mark);
        }

        @Override
        public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
            double w = TextWidths.of(text, size);
            double left = anchor == Anchor.START ? x : anchor == Anchor.MIDDLE ? x - w / 2 : x - w;
            drawn.add(new LabelLayout.Box(left, y - size / 2, w, size, null, text));
        }
    }

    record Chart(String name, BiConsumer<GraphCanvas, double[]> paint) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A chart's canvas in the 1280 × 800 window (under the tabs and tool bars), and the export size. */
    static final double[][] SIZES = {{950, 250}, {470, 250}, {900, 520}};

    static List<Chart> charts() {
        List<Chart> out = new ArrayList<>();
        out.add(new Chart("λ-curves", (c, s) -> CurvePainter.paint(c, curves(), s[0], s[1])));
        out.add(new Chart("EAP vs patching", (c, s) -> ScatterPainter.paint(c, scatter(), "EAP-IG (inputs)", circuit(110), 3, null, s[0], s[1])));
        out.add(new Chart("EAP vs patching, a steep falling fit", (c, s) -> ScatterPainter.paint(c, fallingScatter(), "EAP", circuit(110), 3,
                null, s[0], s[1])));
        out.add(new Chart("histogram", (c, s) -> HistogramPainter.paint(c, histogram(), 0.0419, s[0], s[1])));
        out.add(new Chart("ROC", (c, s) -> RocPainter.paint(c, roc(), s[0], s[1])));
        out.add(new Chart("faithfulness", (c, s) -> FaithfulnessPainter.paint(c, faithfulness(), "EAP", 36, null, s[0], s[1])));
        out.add(new Chart("faithfulness, a search's circuit shown", (c, s) -> FaithfulnessPainter.paint(c, faithfulness(), "EAP", 36,
                "ACDC (KL) τ 0.01", s[0], s[1])));
        out.add(new Chart("MIB", (c, s) -> MibPainter.paint(c, mib(), s[0], s[1])));
        out.add(new Chart("hybrid", (c, s) -> HybridPainter.paint(c, hybrid(), "EAP-IG (inputs)", null, s[0], s[1])));
        out.add(new Chart("edge roles", (c, s) -> RolesPainter.paint(c, roles(), 0.0419, null, s[0], s[1])));
        out.add(new Chart("compare", (c, s) -> RankScatterPainter.paint(c, ranks(), "EAP · induction.jsonl",
                "EAP-IG (inputs), 5 steps · induction-eap-ig.json", null, circuit(110), new int[] {3, 17, 40}, 5, s[0], s[1])));
        return out;
    }

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (Chart chart : charts()) {
            for (double[] size : SIZES) {
                out.add(new Object[] {chart, (int) size[0] + "x" + (int) size[1], size});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("cases")
    void noTextOverlapsAnotherAndNoLegendSitsOnTheData(Chart chart, String sizeName, double[] size) {
        Boxes c = new Boxes();
        chart.paint().accept(c, size);
        assertTrue(c.drawn.size() > 3, chart + ": drew " + c.drawn.size() + " texts");
        for (int i = 0; i < c.drawn.size(); i++) {
            LabelLayout.Box a = c.drawn.get(i);
            assertTrue(a.x() >= -0.5 && a.x() + a.width() <= size[0] + 0.5 && a.y() >= -0.5 && a.y() + a.height() <= size[1] + 0.5,
                    chart + " at " + sizeName + ": \"" + a.text() + "\" leaves the figure: " + a);
            for (int j = i + 1; j < c.drawn.size(); j++) {
                LabelLayout.Box b = c.drawn.get(j);
                assertTrue(!a.intersects(b), chart + " at " + sizeName + ": \"" + a.text() + "\" overlaps \"" + b.text() + "\"");
            }
        }
        List<String> recorded = c.boxes.stream().map(LabelLayout.Box::text).filter(t -> !t.isEmpty()).toList();
        assertEquals(c.drawn.stream().map(LabelLayout.Box::text).toList(), recorded, chart + ": every text is placed through the layout");
        long legends = c.boxes.stream().filter(b -> b.kind() == LabelLayout.Kind.LEGEND).count();
        assertTrue(legends > 0, chart + ": no legend recorded");
        assertTrue(c.marks.size() > 3, chart + ": no data marks recorded");
        for (LabelLayout.Box b : c.boxes) {
            for (LabelLayout.Box o : c.boxes) {
                assertTrue(b == o || !b.intersects(o), chart + " at " + sizeName + ": \"" + b.text() + "\" overlaps \"" + o.text() + "\"");
            }
            if (b.kind() == LabelLayout.Kind.LEGEND) {
                for (LabelLayout.Mark m : c.marks) {
                    assertTrue(!m.meets(b), chart + " at " + sizeName + ": legend \"" + b.text() + "\" sits on the data " + m);
                }
            }
        }
    }

    // Realistic data: the built-in model's numbers, GPT-2's names.

    static List<LambdaCurve> curves() {
        double[] lambdas = LambdaCurve.defaultLambdas();
        String[] names = {"a11.h10->logits", "a10.h7->a11.h10<q>", "input->a0.h1<v>", "m9->a11.h10<k>", "a9.h9->logits"};
        double[] eap = {-3.74, -3.52, -2.01, 1.2, 0.9};
        double[] exact = {-5.92, -5.90, -12.47, 1.0, 0.85};
        List<LambdaCurve> out = new ArrayList<>();
        for (int s = 0; s < names.length; s++) {
            double[] effects = new double[lambdas.length];
            for (int i = 0; i < lambdas.length; i++) {
                double l = lambdas[i];
                effects[i] = eap[s] * l + (exact[s] - eap[s]) * l * l;
            }
            MethodEstimate estimate = s % 2 == 0 ? new MethodEstimate(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 5), exact[s] * 0.9) : null;
            out.add(new LambdaCurve(s, names[s], eap[s], lambdas, effects, estimate));
        }
        return out;
    }

    static BitSet circuit(int n) {
        BitSet b = new BitSet();
        for (int i = 0; i < n; i += 3) {
            b.set(i);
        }
        return b;
    }

    static PatchScatter scatter() {
        Random r = new Random(1);
        int n = 110;
        int[] edges = new int[n];
        double[] eap = new double[n];
        double[] patched = new double[n];
        for (int i = 0; i < n; i++) {
            edges[i] = i;
            eap[i] = r.nextGaussian() * 2;
            patched[i] = eap[i] * 1.3 + r.nextGaussian();
        }
        return PatchScatter.of(edges, eap, patched);
    }

    /** A least-squares line that falls steeply from corner to corner, beside GPT-2-sized numbers in its label. */
    static PatchScatter fallingScatter() {
        Random r = new Random(3);
        int n = 32491;
        int[] edges = new int[n];
        double[] eap = new double[n];
        double[] patched = new double[n];
        for (int i = 0; i < n; i++) {
            edges[i] = i;
            eap[i] = r.nextGaussian() * 0.02;
            patched[i] = -4.2 * eap[i] - 0.0137 + r.nextGaussian() * 0.01;
        }
        return PatchScatter.of(edges, eap, patched);
    }

    static Histogram histogram() {
        Random r = new Random(2);
        float[] scores = new float[32491];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) (r.nextGaussian() * 0.05 * (i % 100 == 0 ? 20 : 1));
        }
        return Histogram.split(scores, circuit(32491), "in reference circuit (ioi.json, 1,592 edges)", "not in it", Histogram.DEFAULT_BINS);
    }

    /** A made-up ROC curve of n points bending as t^bend: a figure's curves without a model. */
    public static RocCurve rocCurve(double bend, int n) {
        double[] fpr = new double[n];
        double[] tpr = new double[n];
        double[] thresholds = new double[n];
        int[] kept = new int[n];
        for (int i = 0; i < n; i++) {
            double t = (i + 1) / (double) n;
            fpr[i] = t;
            tpr[i] = Math.pow(t, bend);
            thresholds[i] = 1 - t;
            kept[i] = (i + 1) * 10;
        }
        return new RocCurve(RocConvention.AUTO_CIRCUIT, fpr, tpr, thresholds, kept, 1 / (1 + bend), 35, 75);
    }

    static RocFigure roc() {
        RocCurve eap = rocCurve(0.3, 40);
        List<RocPoint> points = List.of(new RocPoint(0.05, 0.4, 30), new RocPoint(0.2, 0.7, 60));
        List<AcdcResult> results = List.of(new AcdcResult(new BitSet(), AcdcScore.KL, 0.01, 10, 0.1, new float[0]),
                new AcdcResult(new BitSet(), AcdcScore.KL, 0.1, 10, 0.1, new float[0]));
        AcdcCurve acdc = new AcdcCurve(new AcdcSweep(GraphIndex.of(2, 4), AcdcScore.KL, new double[] {0.01, 0.1}, results),
                rocCurve(0.4, 12), points);
        List<ScoreSetCurve> sets = List.of(
                new ScoreSetCurve("EAP-IG (inputs), 5 steps · ioi-prompts-with-a-rather-long-file-name.jsonl", rocCurve(0.25, 40)),
                new ScoreSetCurve("clean-corrupted · ioi.jsonl", rocCurve(0.35, 40)));
        return new RocFigure(eap, rocCurve(0.5, 20), List.of(acdc), rocCurve(0.28, 30), 200, 12,
                new RocPoint(eap.fpr()[12], eap.tpr()[12], 130), "threshold", "ground-truth.json", null, sets, "EAP · ioi.jsonl", "EAP", null);
    }

    static FaithfulnessCurve faithfulness() {
        int[] counts = {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 32491};
        double[] metric = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            metric[i] = -1 + 2 * Math.min(1, i / 10.0);
        }
        return new FaithfulnessCurve(counts, metric, 1, -1);
    }

    static MibMetrics mib() {
        double[] x = MibCircuitMetrics.FRACTIONS;
        int[] counts = MibCircuitMetrics.edgeCounts(32491);
        double[] m = new double[x.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.min(0.9, 0.1 * i);
        }
        FaithfulnessCurve c = new FaithfulnessCurve(counts, m, 0.9, 0);
        double[] f = new MibCurve("signed", x, c, 0).faithfulness();
        return new MibMetrics(new MibCurve("signed", x, c, MibCircuitMetrics.areaUnder(x, f)),
                new MibCurve("absolute", x, c, MibCircuitMetrics.areaFromOne(x, f)));
    }

    static HybridFigure hybrid() {
        int[] sizes = {500, 1000, 2000, 4000};
        double[] taus = AcdcSweep.DEFAULT_TAUS;
        HybridGrid.Cell[][] cells = new HybridGrid.Cell[sizes.length][taus.length];
        for (int i = 0; i < sizes.length; i++) {
            for (int j = 0; j < taus.length; j++) {
                cells[i][j] = new HybridGrid.Cell(sizes[i], taus[j], sizes[i] / (j + 1), 0.5 + 0.04 * j - 0.02 * i, 0.01 + 0.002 * i, 100, null);
            }
        }
        HybridGrid.Result grid = new HybridGrid.Result(sizes, taus, cells, new double[] {0.4, 0.5, 0.6, 0.7},
                new double[] {0.01, 0.02, 0.04, 0.08});
        return new HybridFigure(grid, AcdcScore.KL, rocCurve(0.3, 40), "ioi-ground-truth.json", new BitSet());
    }

    static List<EdgeRoles.Role> roles() {
        Random r = new Random(3);
        List<EdgeRoles.Role> out = new ArrayList<>();
        for (String name : new String[] {"name_mover", "negative_name_mover", "s_inhibition", "induction", "duplicate_token",
                "previous_token", "backup_name_mover", "other"}) {
            float[] s = new float[400];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) (r.nextGaussian() * 0.03);
            }
            out.add(new EdgeRoles.Role(name, s, 0, 0.03));
        }
        return out;
    }

    static RankComparison ranks() {
        GraphIndex g = GraphIndex.of(2, 4);
        Random r = new Random(4);
        float[] a = new float[g.edgeCount()];
        float[] b = new float[g.edgeCount()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = a[i] + (float) r.nextGaussian() * 0.5f;
        }
        return RankComparison.of(new EdgeScores(g, a), new EdgeScores(g, b));
    }
}
