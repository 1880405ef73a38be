package org.eapexplorer.ui.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.junit.jupiter.api.Test;

/** The details panel's linearity figure, and which curves the λ-curves tab keeps as more edges are selected. */
class LinearityTest {

    private static final double[] LAMBDAS = {0, 0.5, 1};

    private static LambdaCurve curve(int edge, double eap, MethodEstimate estimate) {
        return new LambdaCurve(edge, "e" + edge, eap, LAMBDAS, new double[] {0, -5, -12.47}, estimate);
    }

    @Test
    void theRatioIsToEapsEstimateWhenKnownElseToTheMethodOnScreenNamed() {
        assertEquals("exact −12.47 at λ = 1 · 6.2× EAP's estimate", Linearity.of(curve(1, -2.01, null)).describe());
        MethodEstimate ig = new MethodEstimate(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 5), -11.33);
        // EAP's wins when both are known (the issue asks for the ratio to EAP's estimate).
        assertEquals("exact −12.47 at λ = 1 · 6.2× EAP's estimate", Linearity.of(curve(1, -2.01, ig)).describe());
        String igOnly = Linearity.of(curve(1, Double.NaN, ig)).describe();
        assertEquals("exact −12.47 at λ = 1 · 1.1× " + ig.method().describe() + "'s estimate (no EAP run on these prompts)", igOnly);
        assertEquals("exact −12.47 at λ = 1 · no method's score known", Linearity.of(curve(1, Double.NaN, null)).describe());
        assertEquals("exact −12.47 at λ = 1 · EAP's estimate is 0", Linearity.of(curve(1, 0, null)).describe());
        assertEquals("−0.62", Linearity.ratioText(-0.62));
        assertEquals("25", Linearity.ratioText(25.4));
    }

    @Test
    void theLastFewCurvesStayAndPinnedOnesAlways() {
        List<LambdaCurve> shown = new ArrayList<>();
        SelectionCurves.add(shown, curve(0, 1, null).withPinned(true));
        for (int e = 1; e <= PatchingViewModel.MAX_CURVES + 3; e++) {
            SelectionCurves.add(shown, curve(e, 1, null));
        }
        assertEquals(PatchingViewModel.MAX_CURVES, shown.size());
        assertEquals(0, shown.get(0).edge(), "the pinned curve stays first");
        assertEquals(PatchingViewModel.MAX_CURVES + 3, shown.get(shown.size() - 1).edge(), "the newest is last");
        // Reselecting an edge moves its curve to the end and keeps its pin.
        SelectionCurves.add(shown, curve(0, 1, null));
        assertTrue(shown.get(shown.size() - 1).pinned());
        assertEquals(0, shown.get(shown.size() - 1).edge());
        // With every slot pinned, the newest still shows.
        List<LambdaCurve> pinned = new ArrayList<>();
        for (int e = 0; e < PatchingViewModel.MAX_CURVES; e++) {
            SelectionCurves.add(pinned, curve(e, 1, null).withPinned(true));
        }
        SelectionCurves.add(pinned, curve(99, 1, null));
        assertEquals(PatchingViewModel.MAX_CURVES + 1, pinned.size());
        assertFalse(pinned.get(pinned.size() - 1).pinned());
    }
}
