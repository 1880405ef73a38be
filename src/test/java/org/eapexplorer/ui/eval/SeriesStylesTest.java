package org.eapexplorer.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.eval.AcdcResult;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.ui.RecordingCanvas;
import org.eapexplorer.ui.charts.SeriesStyles;
import org.eapexplorer.ui.patching.CurvePainter;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, item 3: every ROC curve (and every λ-curve) has its own colour and dash style, read off the legend's
 * swatches as a PDF or PNG export draws them, and keeps them as other curves come and go.
 */
class SeriesStylesTest {

    /** Keeps each line's ends besides what {@link RecordingCanvas} keeps. */
    static final class Lines extends RecordingCanvas {
        record Line(double x1, double y1, double x2, double y2, Rgba colour) {
        }

        final List<Line> lines = new ArrayList<>();

        @Override
        public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
            super.line(x1, y1, x2, y2, color, width);
            lines.add(new Line(x1, y1, x2, y2, color));
        }

        /** Each legend text with a swatch: its colour and the lengths of its dashes, e.g. "#1A1A1A 18". */
        Map<String, String> swatches() {
            Map<String, String> out = new LinkedHashMap<>();
            for (RecordingCanvas.Text t : texts) {
                StringBuilder dashes = new StringBuilder();
                Rgba colour = null;
                for (Line l : lines) {
                    if (Math.abs(l.y1() - t.y()) < 0.5 && Math.abs(l.y2() - t.y()) < 0.5 && l.x1() >= t.x() - 24 && l.x2() <= t.x() - 4) {
                        colour = l.colour();
                        dashes.append(' ').append(Math.round(l.x2() - l.x1()));
                    }
                }
                if (colour != null) {
                    out.put(t.text(), colour.toHex() + dashes);
                }
            }
            return out;
        }
    }

    static RocCurve curve(double bend) {
        return org.eapexplorer.ui.ChartLayoutTest.rocCurve(bend, 20);
    }

    static AcdcCurve acdc(AcdcScore score, double bend) {
        List<AcdcResult> results = List.of(new AcdcResult(new BitSet(), score, 0.01, 10, 0.1, new float[0]));
        return new AcdcCurve(new AcdcSweep(GraphIndex.of(2, 4), score, new double[] {0.01}, results), curve(bend),
                List.of(new RocPoint(0.1, 0.5, 20)));
    }

    static Map<String, String> styles(List<ScoreSetCurve> sets, String shown, boolean acdc) {
        return styles(new SeriesStyles(), sets, shown, acdc);
    }

    static Map<String, String> styles(SeriesStyles styles, List<ScoreSetCurve> sets, String shown, boolean acdc) {
        RocCurve eap = curve(0.3);
        RocFigure fig = new RocFigure(eap, curve(0.5), acdc ? List.of(acdc(AcdcScore.KL, 0.4), acdc(AcdcScore.TASK, 0.45)) : List.of(),
                curve(0.28), 200, 3, new RocPoint(eap.fpr()[3], eap.tpr()[3], 40), "threshold", "ground-truth.json", null, sets, shown,
                null, styles);
        Lines c = new Lines();
        RocPainter.paint(c, fig, 1400, 700);
        // By the series' names, without their AUCs and remarks.
        Map<String, String> out = new LinkedHashMap<>();
        c.swatches().forEach((text, style) -> out.put(text.split(" {3}")[0], style));
        return out;
    }

    @Test
    void everyRocCurveHasItsOwnColourAndDash() {
        Map<String, String> s = styles(List.of(new ScoreSetCurve("EAP-IG (inputs), 5 steps · ioi.jsonl", curve(0.25)),
                new ScoreSetCurve("clean-corrupted · ioi.jsonl", curve(0.35))), "EAP · ioi.jsonl", true);
        assertEquals(7, s.size(), s.toString());
        List<String> colours = s.values().stream().map(v -> v.split(" ")[0]).toList();
        assertEquals(colours.size(), colours.stream().distinct().count(), "colours shared: " + s);
        List<String> dashes = s.values().stream().map(v -> v.substring(v.indexOf(' '))).distinct().toList();
        assertTrue(dashes.size() >= 4, "the curves are told apart by their dashes too (in grey print): " + s);
    }

    @Test
    void aCurveKeepsItsStyleAsOthersComeAndGo() {
        ScoreSetCurve ig = new ScoreSetCurve("EAP-IG (inputs), 5 steps · ioi.jsonl", curve(0.25));
        ScoreSetCurve cc = new ScoreSetCurve("clean-corrupted · ioi.jsonl", curve(0.35));
        SeriesStyles styles = new SeriesStyles();
        Map<String, String> before = styles(styles, List.of(ig, cc), "EAP · ioi.jsonl", true);
        Map<String, String> after = styles(styles, List.of(cc), "EAP · ioi.jsonl", false);
        for (String name : after.keySet()) {
            assertEquals(before.get(name), after.get(name), name + " changed its style when others went: " + before + " → " + after);
        }
        Map<String, String> shownOther = styles(styles, List.of(ig, new ScoreSetCurve("EAP · ioi.jsonl", curve(0.3))),
                "clean-corrupted · ioi.jsonl", true);
        assertEquals(before.get("clean-corrupted · ioi.jsonl"), shownOther.get("clean-corrupted · ioi.jsonl"),
                "a set keeps its style when it becomes the shown one: " + shownOther);
        assertEquals(before.get("EAP · ioi.jsonl"), shownOther.get("EAP · ioi.jsonl"));
    }

    @Test
    void aLambdaCurveKeepsItsStyleWhenAnOlderOneGoes() {
        double[] lambdas = {0, 0.5, 1};
        LambdaCurve a = new LambdaCurve(1, "a0.h1->logits", 0.1, lambdas, new double[] {0, 0.04, 0.09});
        LambdaCurve b = new LambdaCurve(2, "a1.h0->logits", 0.2, lambdas, new double[] {0, 0.1, 0.15});
        LambdaCurve d = new LambdaCurve(3, "m0->logits", 0.3, lambdas, new double[] {0, 0.2, 0.25});
        SeriesStyles styles = new SeriesStyles();
        Lines first = new Lines();
        CurvePainter.paint(first, List.of(a, b), styles, 900, 400);
        Lines second = new Lines();
        CurvePainter.paint(second, List.of(b, d), styles, 900, 400);
        String bBefore = styleOf(first, "a1.h0->logits");
        assertEquals(bBefore, styleOf(second, "a1.h0->logits"), "b's curve changed colour when a went and d came");
        assertNotEquals(styleOf(second, "m0->logits"), styleOf(second, "a1.h0->logits"));
    }

    private static String styleOf(Lines c, String name) {
        return c.swatches().entrySet().stream().filter(e -> e.getKey().startsWith(name + " ")).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no legend entry for " + name + ": " + c.swatches()));
    }
}
