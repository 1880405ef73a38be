package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngCanvasTest {

    private static final GraphIndex G = GraphIndex.of(3, 4);

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesAPngOfTheScaledSizeWithTheCircuitOnIt() throws Exception {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 5)), 30);
        Path out = dir.resolve("graph.png");
        assertEquals(ExportFormat.PNG, CircuitExport.write(out, c, null, PaintStyle.defaults(), 1.5));
        BufferedImage img = ImageIO.read(out.toFile());
        // One layout unit a point at 1.5 pixels: the layout's width, its height plus the legend strip and caption.
        GraphLayout layout = GraphLayout.of(G);
        Bounds b = Figure.graphBounds(layout);
        assertEquals((int) Math.ceil(b.width() * 1.5), img.getWidth());
        assertEquals((int) Math.ceil(Figure.graphHeight(layout, b.width(), true) * 1.5 - 1e-9), img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(0, 0) & 0xFFFFFF, "white background");
        int reddish = 0;
        int bluish = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int bl = rgb & 0xff;
                if (r - bl > 60) {
                    reddish++;
                } else if (bl - r > 60) {
                    bluish++;
                }
            }
        }
        assertTrue(reddish > 20 && bluish > 20, "edges of both signs drawn: " + reddish + " red, " + bluish + " blue samples");
    }

    @Test
    void refusesAbsurdSizes() {
        assertThrows(IllegalArgumentException.class, () -> new PngCanvas(new Bounds(0, 0, 1e6, 1e6), 1));
        assertThrows(IllegalArgumentException.class, () -> new PngCanvas(new Bounds(0, 0, 10, 10), 0));
        assertThrows(IllegalArgumentException.class, () -> new PngCanvas(new Bounds(0, 0, 10, 10), Double.NaN));
    }
}
