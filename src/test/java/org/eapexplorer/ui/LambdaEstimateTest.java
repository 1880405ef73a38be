package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.circuit.BlankCanvas;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.patching.CurvePainter;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchingViewModel;
import org.eapexplorer.ui.patching.PlotFrame;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/**
 * A λ-curve shows, beside EAP's tangent, the line whose slope is EAP-IG's score of the edge, from real EAP and EAP-IG
 * runs of the tiny model in the window; the painter draws it with that slope, and a session keeps it.
 */
class LambdaEstimateTest extends WindowTest {

    /** Records every straight line with its colour and width. */
    private static final class Lines extends BlankCanvas {
        final List<double[]> lines = new ArrayList<>();
        final List<Rgba> colours = new ArrayList<>();

        @Override
        public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
            lines.add(new double[] {x1, y1, x2, y2, width});
            colours.add(color);
        }
    }

    @Test
    void theCurveCarriesEapIgsScoreAsAnEstimateAndThePainterDrawsItsSlope() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        AnalysisResult eap = app.state().result();
        MethodSpec ig = new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 5);
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU, ig))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        AnalysisResult igResult = app.state().result();
        assertEquals(ig, igResult.method(), "the window ran EAP-IG");
        PatchingViewModel patching = app.models().patching();
        assertSame(eap, patching.otherMethodResult(), "EAP's result is kept beside EAP-IG's");

        int edge = app.models().circuits().ranking().edgeAt(0);
        await(fx(() -> patching.computeCurve(edge)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        LambdaCurve curve = patching.curves().get(0);
        assertEquals(eap.scores().score(edge), curve.eapScore(), 0, "EAP's tangent from EAP's run");
        assertEquals(ig, curve.estimate().method());
        assertEquals(igResult.scores().score(edge), curve.estimate().slope(), 0, "EAP-IG's line from EAP-IG's run");
        assertNotEquals(curve.eapScore(), curve.estimate().slope(), "the two methods differ on this edge");

        // The model of the drawn line: from the clean point, slope = EAP-IG's score.
        double[] line = CurvePainter.estimateLine(curve);
        assertEquals(0, line[0]);
        assertEquals(0, line[1]);
        assertEquals(curve.estimate().slope(), (line[3] - line[1]) / (line[2] - line[0]), 1e-12);

        // The painter's geometry: every dash in the estimate's style lies on y = slope·λ, from λ = 0 to 1.
        double w = 900;
        double h = 520;
        Lines canvas = new Lines();
        CurvePainter.paint(canvas, List.of(curve), w, h);
        PlotFrame frame = CurvePainter.frame(List.of(curve), w, h);
        int dashes = 0;
        double minLambda = 1;
        double maxLambda = 0;
        for (double[] l : canvas.lines) {
            if (l[4] != 1.5) {
                continue;
            }
            dashes++;
            for (int p = 0; p < 4; p += 2) {
                double lambda = frame.valueX(l[p]);
                double y = frame.valueY(l[p + 1]);
                assertEquals(curve.estimate().slope() * lambda, y, 1e-9 * Math.max(1, Math.abs(curve.estimate().slope())));
                minLambda = Math.min(minLambda, lambda);
                maxLambda = Math.max(maxLambda, lambda);
            }
        }
        assertEquals(CurvePainter.DASHES, dashes);
        assertEquals(0, minLambda, 1e-9);
        assertTrue(maxLambda > 0.95, "the dashes reach λ = 1: " + maxLambda);
        // EAP's tangent is still there: the thin line from the clean point with EAP's slope.
        double[] tangent = canvas.lines.stream().filter(l -> l[4] == 1).filter(l -> Math.abs(frame.valueX(l[0])) < 1e-9
                && Math.abs(frame.valueX(l[2]) - 1) < 1e-9).findFirst().orElseThrow();
        assertEquals(curve.eapScore(), frame.valueY(tangent[3]) - frame.valueY(tangent[1]), 1e-9 * Math.max(1, Math.abs(curve.eapScore())));

        // Kept by a session.
        Path file = tempDir.resolve("lambda-estimate.json");
        await(fx(() -> app.models().sessions().save(file)));
        await(fx(() -> app.models().sessions().open(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        LambdaCurve back = patching.curves().get(0);
        assertEquals(curve.estimate(), back.estimate());
        assertEquals(curve.eapScore(), back.eapScore(), 0);
        assertEquals(ig, app.state().result().method());
    }

    @Test
    void withoutASecondMethodTheCurveHasOnlyEapsTangent() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        assertNull(app.models().patching().otherMethodResult(), "the same method again is no second estimate");
        int edge = app.models().circuits().ranking().edgeAt(0);
        await(fx(() -> app.models().patching().computeCurve(edge)));
        LambdaCurve curve = app.models().patching().curves().get(0);
        assertNull(curve.estimate());
        assertNull(CurvePainter.estimateLine(curve));
        assertFalse(Double.isNaN(curve.eapScore()));
    }

    /** Issue 26, item 8: EAP's set is found among all the window's score sets, not only the one the last run replaced. */
    @Test
    void eapsTangentIsFoundAfterTwoOtherMethodsRanSinceEap() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        AnalysisResult eap = app.state().result();
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU,
                new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 2)))));
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU,
                MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED)))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        AnalysisResult cc = app.state().result();
        assertEquals(AttributionMethod.CLEAN_CORRUPTED, cc.method().method());
        int edge = app.models().circuits().ranking().edgeAt(0);
        await(fx(() -> app.models().patching().computeCurve(edge)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        LambdaCurve curve = app.models().patching().curves().get(0);
        assertEquals(eap.scores().score(edge), curve.eapScore(), 0, "EAP's tangent from EAP's set, two runs back");
        assertEquals(cc.method(), curve.estimate().method(), "the line of the method on screen");
        assertEquals(cc.scores().score(edge), curve.estimate().slope(), 0);
        String linearity = fx(() -> app.models().patching().linearity(edge));
        assertFalse(linearity.contains("no EAP run"), linearity);
    }
}
