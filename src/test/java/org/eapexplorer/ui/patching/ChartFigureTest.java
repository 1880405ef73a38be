package org.eapexplorer.ui.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.circuit.Figure;
import org.eapexplorer.circuit.BlankCanvas;
import org.eapexplorer.circuit.Rgba;
import org.junit.jupiter.api.Test;

/** A chart on a paper-sized page: text at paper sizes, and the whole legend, as in the window. */
class ChartFigureTest {

    private record Text(String text, double size) {
    }

    /** Records text as it reaches the page, after any scaling the figure applies. */
    private static final class Page extends BlankCanvas {
        final List<Text> texts = new ArrayList<>();

        @Override
        public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
            texts.add(new Text(text, size));
        }
    }

    private static List<LambdaCurve> curves() {
        double[] l = LambdaCurve.defaultLambdas();
        List<LambdaCurve> out = new ArrayList<>();
        String[] names = {"input->m0", "a1.h1->logits"};
        for (int k = 0; k < names.length; k++) {
            double[] e = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                e[i] = -(k + 3) * Math.pow(l[i], 1.5 + k);
            }
            out.add(new LambdaCurve(k, names[k], -2.0 - k, l, e));
        }
        return out;
    }

    @Test
    void aSevenInchColumnGetsPaperSizedTextAndTheWholeLegend() {
        Page page = new Page();
        List<LambdaCurve> curves = curves();
        Figure.chart((c, w, h) -> CurvePainter.paint(c, curves, w, h)).paint(page, 7 * 72, 3.5 * 72);
        assertTrue(page.texts.stream().anyMatch(t -> t.text().startsWith("bracket at λ = 1")), () -> "legend cut: " + page.texts);
        assertTrue(page.texts.stream().noneMatch(t -> t.text().contains("more")), () -> "legend cut: " + page.texts);
        for (Text t : page.texts) {
            assertTrue(t.size() >= 7.9 && t.size() <= 11, () -> t + " is not a paper figure's text size");
        }
    }

    @Test
    void aWideFigureDrawsTheChartAtItsOwnSize() {
        Page page = new Page();
        List<LambdaCurve> curves = curves();
        Figure.chart((c, w, h) -> CurvePainter.paint(c, curves, w, h)).paint(page, 1000, 500);
        Page direct = new Page();
        CurvePainter.paint(direct, curves, 1000, 500);
        assertEquals(direct.texts, page.texts);
    }
}
