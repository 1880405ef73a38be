package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * An exported graph says what it shows: one SVG group per kept edge, the legend (what the sign colours and widths
 * mean, the cut) and a caption naming model, prompts, metric and method, in the SVG and in the PNG (pixels and its
 * "Description" text chunk). Uses {@link CircuitExport#write(Path, Circuit, ScoreFile, PaintStyle, double)}, the call
 * the window and render made before figures had legends.
 */
class GraphFigureContentTest {

    private static final GraphIndex G = GraphIndex.of(2, 3);

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static ScoreFile source(EdgeScores scores) {
        return new ScoreFile("models/gpt2-small/", "prompts/ioi.jsonl", "logit_diff", 20, "CPU", 3.25, Double.NaN, Map.of(), scores);
    }

    @Test
    void svgHasEveryKeptEdgeTheLegendAndTheCaption() throws Exception {
        EdgeScores scores = Fixtures.random(G, 3);
        Circuit c = Circuit.topK(ScoreRanking.of(scores), 17);
        Path out = dir.resolve("graph.svg");
        CircuitExport.write(out, c, source(scores), PaintStyle.defaults(), 1);
        String svg = Files.readString(out);
        Document doc = SvgCanvasTest.parse(svg);
        assertEquals(17, SvgCanvasTest.countClass(doc, "edge"));
        assertTrue(svg.contains(GraphLegend.POSITIVE_MEANING), "sign legend");
        assertTrue(svg.contains(GraphLegend.NEGATIVE_MEANING), "sign legend");
        assertTrue(svg.contains("width ∝ |score|"), "width scale");
        assertTrue(svg.contains(Numbers.compact(c.maxKeptAbs())), "the width scale's largest sample");
        assertTrue(svg.contains("cut: |score| ≥ " + Numbers.compact(c.absThreshold())), "the cut");
        assertEquals(1, SvgCanvasTest.countClass(doc, "caption"));
        String caption = doc.getElementsByTagNameNS("*", "title").item(doc.getElementsByTagNameNS("*", "title").getLength() - 1)
                .getTextContent();
        assertTrue(caption.startsWith("gpt2-small · prompts ioi.jsonl · metric logit_diff · method unknown · " + c.describe()), caption);
    }

    @Test
    void pngHasLegendAndCaptionPixelsAndTheCaptionAsItsDescription() throws Exception {
        EdgeScores scores = Fixtures.random(G, 3);
        Circuit c = Circuit.topK(ScoreRanking.of(scores), 17);
        Path out = dir.resolve("graph.png");
        CircuitExport.write(out, c, source(scores), PaintStyle.defaults(), 2);
        Map<String, String> text = PngCanvas.readText(out);
        assertTrue(text.getOrDefault("Description", "").contains("gpt2-small · prompts ioi.jsonl · metric logit_diff · method unknown"),
                text.toString());
        BufferedImage img = ImageIO.read(out.toFile());
        GraphLayout layout = GraphLayout.of(G);
        // Below the graph: the legend strip and the caption have ink (text and sample strokes) on white.
        int graphBottom = (int) Math.ceil(Figure.graphBounds(layout).height() * 2);
        assertTrue(img.getHeight() > graphBottom + GraphLegend.HEIGHT * 2, img.getHeight() + " px");
        int ink = 0;
        for (int y = graphBottom; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128) {
                    ink++;
                }
            }
        }
        assertTrue(ink > 500, ink + " dark pixels under the graph");
    }
}
