package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PDF figure: vector edges (one stroked curve per kept edge, in its sign's colour), legend and caption as text, font embedded. */
class PdfCanvasTest {

    private static final GraphIndex G = GraphIndex.of(2, 3);

    @TempDir
    Path dir;

    private static ScoreFile source(EdgeScores scores) {
        return new ScoreFile("models/gpt2-small", "ioi.jsonl", "logit_diff", 20, "CPU", 3.25, Double.NaN, Map.of(), scores);
    }

    @Test
    void pdfHasEveryKeptEdgeAsAStrokedCurveWithLegendCaptionAndEmbeddedFont() throws Exception {
        EdgeScores scores = Fixtures.random(G, 7);
        Circuit c = Circuit.topK(ScoreRanking.of(scores), 23);
        Path out = dir.resolve("graph.pdf");
        assertEquals(ExportFormat.PDF, CircuitExport.write(out, c, source(scores), PaintStyle.defaults(), 1));
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            PDPage page = doc.getPage(0);
            PdfStrokes engine = new PdfStrokes(page);
            engine.processPage(page);
            assertEquals(23, engine.curves, "one stroked curve per kept edge");
            // Each edge's colour is its sign's: red-ish for positive, blue-ish for negative, as many of each as kept.
            long positive = c.edges().filter(e -> scores.score(e) >= 0).count();
            long reddish = engine.colours.stream().filter(rgb -> rgb[0] > rgb[2]).count();
            assertEquals(positive, reddish);

            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains(GraphLegend.POSITIVE_MEANING), text);
            assertTrue(text.contains(GraphLegend.NEGATIVE_MEANING), text);
            assertTrue(text.contains("|score|"), text);
            assertTrue(text.contains("gpt2-small"), text);
            assertTrue(text.contains("logit_diff"), text);
            assertTrue(text.contains("method unknown"), text);
            Set<String> labels = new HashSet<>();
            c.nodes().forEach(n -> labels.add(c.table().nodeName(n)));
            assertFalse(labels.isEmpty());
            Set<PDFont> fonts = new HashSet<>();
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertFalse(fonts.isEmpty());
            for (PDFont f : fonts) {
                assertTrue(f.isEmbedded(), f.getName() + " embedded");
                assertTrue(f.getName().contains("DejaVuSans"), f.getName());
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void pageIsTheFigureSizeInPointsAndTextWidthIsTheFontsOwn() throws Exception {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 7)), 5);
        Path out = dir.resolve("small.pdf");
        FigureSize size = FigureSize.of(Length.parse("7in"), Length.parse("4in"), 300);
        CircuitExport.writeFigure(out, ExportFormat.PDF, GraphLayout.of(G), c, PaintStyle.defaults(), SignPalette.OKABE_ITO, size,
                "my caption · okabe");
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            assertEquals(504, doc.getPage(0).getMediaBox().getWidth(), 1e-3);
            assertEquals(288, doc.getPage(0).getMediaBox().getHeight(), 1e-3);
            assertEquals("my caption · okabe", doc.getDocumentInformation().getSubject());
            PdfStrokes engine = new PdfStrokes(doc.getPage(0));
            engine.processPage(doc.getPage(0));
            // Okabe–Ito's vermillion #D55E00 (weak tones mixed towards it keep green > blue) and blue #0072B2: no RdBu red.
            for (float[] rgb : engine.colours) {
                boolean vermillion = rgb[0] > rgb[2] && rgb[1] > rgb[2];
                boolean blue = rgb[2] > rgb[0] && rgb[1] > rgb[0];
                assertTrue(vermillion || blue, java.util.Arrays.toString(rgb));
            }
            assertTrue(new PDFTextStripper().getText(doc).contains("vermillion"));
        }
        try (PdfCanvas pdf = new PdfCanvas(new Bounds(0, 0, 100, 100))) {
            double w = pdf.textWidth("logit_diff · λ", 10);
            assertEquals(TextWidths.of("logit_diff · λ", 10), w, 0.5, "DejaVu's advances, as TextWidths has them");
            assertEquals(pdf.textWidth("?", 10), pdf.textWidth("\u0001", 10), 1e-9, "an unprintable character draws as '?'");
        }
    }
}
