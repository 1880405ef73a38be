package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeSet;
import javafx.geometry.Point2D;
import javafx.scene.control.TabPane;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.stats.LeastSquares;
import org.eapexplorer.ui.patching.PatchScatter;
import org.eapexplorer.ui.patching.ScatterView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A brush over the scatter of every edge of the built-in model selects exactly the edges whose points lie in it (worked
 * out here from the points' drawn positions, not through the view's grid), the graph highlights them all, and they
 * export as a circuit; the scatter's figure carries the least-squares line's equation and R².
 */
class ScatterBrushTest extends WindowTest {

    /** A coordinate between two neighbouring points' (the widest gap among the sorted values from {@code from} to {@code to}). */
    private static double between(double[] sorted, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (sorted[i + 1] - sorted[i] > sorted[best + 1] - sorted[best]) {
                best = i;
            }
        }
        return (sorted[best] + sorted[best + 1]) / 2;
    }

    private static Point2D round(Point2D p) {
        return new Point2D(Math.round(p.getX()), Math.round(p.getY()));
    }

    @Test
    void aBrushSelectsExactlyTheEdgesInsideItAndTheyExportAsACircuit() throws Exception {
        app.runBuiltIn();
        fxRun(() -> lookup("#chartTabs").queryAs(TabPane.class).getSelectionModel().select(2));
        int n = fx(() -> app.models().circuits().ranking().scoredCount());
        await(fx(() -> app.models().patching().patchTopN(n)));
        PatchScatter s = fx(() -> app.models().patching().scatter());
        assertEquals(n, s.size());
        ScatterView view = app.window.scatterView();
        Point2D[] at = fx(() -> {
            Point2D[] p = new Point2D[n];
            for (int i = 0; i < n; i++) {
                p[i] = view.pointLocation(i);
            }
            return p;
        });
        double[] xs = Arrays.stream(at).mapToDouble(Point2D::getX).sorted().toArray();
        double[] ys = Arrays.stream(at).mapToDouble(Point2D::getY).sorted().toArray();
        // The pointer moves by whole screen pixels: corners at whole pixels, the brush worked out from where they land.
        Point2D from = fx(() -> round(view.chart().localToScreen(between(xs, n / 10, n / 3), between(ys, n / 10, n / 3))));
        Point2D to = fx(() -> round(view.chart().localToScreen(between(xs, 2 * n / 3, 9 * n / 10), between(ys, 2 * n / 3, 9 * n / 10))));
        Point2D low = fx(() -> view.chart().screenToLocal(from));
        Point2D high = fx(() -> view.chart().screenToLocal(to));
        BitSet expected = new BitSet();
        for (int i = 0; i < n; i++) {
            if (at[i].getX() >= low.getX() && at[i].getX() <= high.getX() && at[i].getY() >= low.getY() && at[i].getY() <= high.getY()) {
                expected.set(s.edges()[i]);
            }
        }
        assertTrue(expected.cardinality() > 1 && expected.cardinality() < n, expected.cardinality() + " of " + n + " points in the brush");

        drag(from).dropTo(to);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected, fx(() -> app.models().patching().brushedProperty().get()));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> app.window.graphView().drawnMarkedCount() == expected.cardinality());
        assertTrue(fx(() -> app.state().statusProperty().get()).startsWith(expected.cardinality() + " edges brushed"),
                fx(() -> app.state().statusProperty().get()));

        Path out = tempDir.resolve("brushed.json");
        await(fx(() -> app.models().patching().exportBrushed(out)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        GraphIndex graph = app.state().result().scores().graph();
        TreeSet<String> inGraph = new TreeSet<>();
        for (Map.Entry<String, com.google.gson.JsonElement> e : json.getAsJsonObject("edges").entrySet()) {
            if (e.getValue().getAsJsonObject().get("in_graph").getAsBoolean()) {
                inGraph.add(e.getKey());
            }
        }
        TreeSet<String> names = new TreeSet<>();
        expected.stream().forEach(e -> names.add(graph.edgeName(e)));
        assertEquals(names, inGraph);
        assertEquals(expected.cardinality(), json.getAsJsonObject("circuit").get("edges_in_graph").getAsInt());
        try (var left = Files.list(tempDir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "the write left no temporary file");
        }

        // The figure export carries Figure 4a's statistics.
        Path svg = tempDir.resolve("scatter.svg");
        await(fx(() -> app.models().patching().exportScatter(svg, 1)));
        String equation = LeastSquares.fit(s.eap(), s.patched()).equation();
        assertTrue(Files.readString(svg).contains(equation.replace("−", "&#8722;")) || Files.readString(svg).contains(equation),
                "the exported figure names the fit: " + equation);
    }
}
