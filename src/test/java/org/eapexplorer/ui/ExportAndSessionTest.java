package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Figure and data exports of the circuit on screen, and sessions that reopen without recomputing. */
class ExportAndSessionTest extends WindowTest {

    private Circuit circuit;

    @BeforeEach
    void runTinyAtTop12() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        fxRun(() -> {
            app.state().setHideUnconnected(false);
            app.state().setThreshold(Threshold.topK(12));
        });
        circuit = app.models().circuits().circuit();
        assertEquals(12, circuit.edgeCount());
    }

    @Test
    void exportsTheGraphAsPngAtTheChosenScaleAndAsSvg() throws Exception {
        Path png1 = tempDir.resolve("graph-1x.png");
        Path png2 = tempDir.resolve("graph-2x.png");
        Path svg = tempDir.resolve("graph.svg");
        await(fx(() -> app.models().export().exportCircuit(png1, 1)));
        await(fx(() -> app.models().export().exportCircuit(png2, 2)));
        await(fx(() -> app.models().export().exportCircuit(svg, 1)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());

        BufferedImage one = ImageIO.read(png1.toFile());
        BufferedImage two = ImageIO.read(png2.toFile());
        assertEquals(2 * one.getWidth(), two.getWidth(), 1);
        assertEquals(2 * one.getHeight(), two.getHeight(), 1);
        int coloured = 0;
        for (int y = 0; y < one.getHeight(); y++) {
            for (int x = 0; x < one.getWidth(); x++) {
                int rgb = one.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int b = rgb & 0xff;
                coloured += Math.abs(r - b) > 60 ? 1 : 0;
            }
        }
        assertTrue(coloured > 100, "edges are drawn in colour: " + coloured);

        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") && text.contains("<svg"), "an SVG document");
        assertEquals(12, count(text, "class=\"edge\""), "one SVG group per drawn edge");
        assertTrue(text.contains("top 12 edges"), "caption names the cut");
        assertNoTempFilesLeft();
    }

    @Test
    void exportsTheCircuitAsJsonDotAndAllScoresAsCsv() throws Exception {
        Path json = tempDir.resolve("circuit.json");
        Path dot = tempDir.resolve("circuit.dot");
        Path csv = tempDir.resolve("scores.csv");
        await(fx(() -> app.models().export().exportCircuit(json, 1)));
        await(fx(() -> app.models().export().exportCircuit(dot, 1)));
        await(fx(() -> app.models().export().exportCircuit(csv, 1)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());

        ScoreFile read = ScoreJson.read(json);
        assertArrayEquals(app.state().result().scores().scores(), read.scores().scores(), "scores round-trip");
        String jsonText = Files.readString(json);
        // Nodes carry in_graph too (as objects, the EAP-IG schema): count within the edges, which come last.
        assertEquals(12, count(jsonText.substring(jsonText.indexOf("\"edges\"")), "\"in_graph\": true"), "in_graph marks the 12 kept edges");
        String dotText = Files.readString(dot);
        assertTrue(dotText.startsWith("digraph") || dotText.contains("digraph"), dotText.substring(0, 40));
        assertEquals(12, count(dotText, "\" -> \""), "one DOT edge statement per kept edge");
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 75, rows.size(), "a header and every edge");
        assertNoTempFilesLeft();
    }

    @Test
    void exportsTheHistogram() throws Exception {
        Path png = tempDir.resolve("histogram.png");
        Path svg = tempDir.resolve("histogram.svg");
        await(fx(() -> app.models().export().exportHistogram(png, 2)));
        await(fx(() -> app.models().export().exportHistogram(svg, 1)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * 720, image.getWidth());
        String text = Files.readString(svg);
        assertTrue(text.contains("T = "), "the threshold is labelled");
        assertTrue(text.contains("all edges (n = 75)"), "the legend names the series");
    }

    @Test
    void aSessionReopensWithScoresThresholdAndSelectionWithoutRecomputing() throws Exception {
        int selected = app.models().circuits().ranking().edgeAt(3);
        fxRun(() -> {
            app.state().setThreshold(Threshold.score(0.05));
            app.state().select(selected);
        });
        Path file = tempDir.resolve("session.json");
        await(fx(() -> app.models().sessions().save(file)));
        AnalysisResult saved = app.state().result();

        fxRun(() -> {
            app.state().setThreshold(Threshold.topK(3));
            app.state().setHideUnconnected(true);
            app.state().clearSelection();
        });
        await(fx(() -> app.models().sessions().open(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        AnalysisResult reopened = app.state().result();
        assertArrayEquals(saved.scores().scores(), reopened.scores().scores());
        assertEquals(saved.metricClean(), reopened.metricClean());
        assertEquals(saved.pairs(), reopened.pairs());
        assertEquals(saved.modelDir(), reopened.modelDir());
        assertEquals(Threshold.score(0.05), app.state().threshold());
        assertEquals(false, app.state().hideUnconnected());
        assertEquals(selected, app.state().selectedEdge());
        assertEquals(app.models().circuits().ranking().countAtLeast(0.05), app.window.graphView().drawnEdgeCount());
    }

    @Test
    void aBrokenSessionFileIsReportedReadably() throws Exception {
        Path file = tempDir.resolve("broken.json");
        Files.writeString(file, "{\"format\": \"something-else\"}");
        await(fx(() -> app.models().sessions().open(file)));
        assertEquals(1, app.errors.size());
        assertTrue(app.errors.get(0).contains("not an EAP Explorer session"), app.errors.get(0));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void assertNoTempFilesLeft() throws Exception {
        try (var files = Files.list(tempDir)) {
            List<String> temps = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertTrue(temps.isEmpty(), "temporary files left behind: " + temps);
        }
    }
}
