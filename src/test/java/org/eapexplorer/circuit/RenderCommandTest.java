package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eapexplorer.cli.EapCli;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render subcommand end to end, on a score file written by ScoreJson (RenderCommand is package-private in cli). */
class RenderCommandTest {

    private static final GraphIndex G = GraphIndex.of(2, 3);

    @TempDir
    Path dir;

    private Path scores;
    private String err;

    @BeforeEach
    void writeScores() throws Exception {
        scores = dir.resolve("scores.json");
        EdgeScores s = Fixtures.random(G, 21);
        ScoreJson.write(scores, new ScoreFile("models/tiny", "p.jsonl", "logit_diff", 4, "CPU", 1.5, 0.25, Map.of("eap", 3.0), s));
    }

    private int render(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 1];
            full[0] = "render";
            System.arraycopy(args, 0, full, 1, args.length);
            return EapCli.run(full);
        } finally {
            System.setErr(saved);
            err = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesEveryFormatByExtension() throws Exception {
        for (String name : new String[] {"graph.svg", "graph.png", "circuit.json", "circuit.dot", "edges.csv"}) {
            Path out = dir.resolve(name);
            assertEquals(0, render("--scores", scores.toString(), "--top-k", "20", "--prune", "--scale", "1", "--out", out.toString()), err);
            assertTrue(Files.size(out) > 0, name);
            assertTrue(err.contains("top 20 edges"), err);
        }
        assertEquals(G.edgeCount(), ScoreJson.read(dir.resolve("circuit.json")).scores().scores().length);
        assertTrue(Files.readString(dir.resolve("graph.svg")).contains("tiny · prompts p.jsonl · metric logit_diff · method unknown · top 20 edges"),
                "caption names model, prompts, metric and (not knowing it) the method");
        assertEquals((int) Math.ceil(Figure.graphBounds(GraphLayout.of(G)).width()), ImageIO.read(dir.resolve("graph.png").toFile()).getWidth());
        assertEquals(1 + G.edgeCount(), Files.readAllLines(dir.resolve("edges.csv")).size());
    }

    @Test
    void figureOptionsSetSizeDpiCaptionAndPalette() throws Exception {
        String s = scores.toString();
        Path pdf = dir.resolve("fig.pdf");
        assertEquals(0, render("--scores", s, "--top-k", "12", "--width", "7in", "--height", "4in", "--palette", "okabe-ito",
                "--caption", "Figure 2: IOI circuit", "--out", pdf.toString()), err);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertEquals(504, doc.getPage(0).getMediaBox().getWidth(), 1e-3);
            assertEquals(288, doc.getPage(0).getMediaBox().getHeight(), 1e-3);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Figure 2: IOI circuit"), text);
            assertTrue(text.contains("vermillion"), text);
            PdfStrokes curves = new PdfStrokes(doc.getPage(0));
            curves.processPage(doc.getPage(0));
            assertEquals(12, curves.curves);
        }
        Path png = dir.resolve("fig.png");
        assertEquals(0, render("--scores", s, "--top-k", "12", "--width", "1200px", "--height", "600px", "--dpi", "300",
                "--out", png.toString()), err);
        var img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(600, img.getHeight());
        assertTrue(PngCanvas.readText(png).get("Description").startsWith("tiny · prompts p.jsonl · metric logit_diff"));
        Path svg = dir.resolve("fig.svg");
        assertEquals(0, render("--scores", s, "--top-k", "12", "--width", "5in", "--no-caption", "--out", svg.toString()), err);
        String text = Files.readString(svg);
        assertTrue(java.util.regex.Pattern.compile("<svg [^>]*width=\"480(\\.0+)?\"").matcher(text).find(), "5 in at 96 CSS px an inch");
        assertFalse(text.contains("class=\"caption\""), "no caption");
        assertTrue(text.contains(GraphLegend.POSITIVE_MEANING), "the legend stays");
    }

    @Test
    void thresholdSelectsByAbsoluteScore() throws Exception {
        Path out = dir.resolve("edges.csv");
        ScoreRanking ranking = ScoreRanking.of(ScoreJson.read(scores).scores());
        double t = ranking.absAt(9);
        assertEquals(0, render("--scores", scores.toString(), "--threshold", Double.toString(t), "--out", out.toString()), err);
        long kept = Files.readAllLines(out).stream().filter(l -> l.endsWith(",true")).count();
        assertEquals(ranking.countAtLeast(t), kept);
    }

    @Test
    void badArgumentsGiveClearErrors() {
        String s = scores.toString();
        String out = dir.resolve("g.svg").toString();
        assertEquals(2, render("--scores", s, "--top-k", "5", "--threshold", "0.1", "--out", out));
        assertTrue(err.contains("mutually exclusive"), err);
        assertEquals(2, render("--scores", s, "--out", out));
        assertTrue(err.contains("--top-k") && err.contains("--threshold"), err);
        assertEquals(2, render("--scores", s, "--threshold", "-0.5", "--out", out));
        assertTrue(err.contains("--threshold must be a finite number ≥ 0"), err);
        assertEquals(2, render("--scores", s, "--top-k", "0", "--out", out));
        assertTrue(err.contains("out of range") && err.contains("1.." + G.edgeCount()), err);
        assertEquals(2, render("--scores", s, "--top-k", Integer.toString(G.edgeCount() + 1), "--out", out));
        assertTrue(err.contains("out of range"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--out", dir.resolve("g.eps").toString()));
        assertTrue(err.contains("unknown extension") && err.contains(".svg"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--scale", "0", "--out", out));
        assertTrue(err.contains("--scale"), err);
        // Figure options: one line naming the option and what it expected.
        assertEquals(2, render("--scores", s, "--top-k", "5", "--width", "7", "--out", out));
        assertTrue(err.contains("--width: expected a positive length with a unit, such as 7in"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--height", "0.2in", "--out", out));
        assertTrue(err.contains("--height 0.2in is out of range: a figure side must be between 1in and 100in"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--width", "50px", "--dpi", "300", "--out", out));
        assertTrue(err.contains("--width 50px is out of range") && err.contains("at 300 dpi"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--dpi", "5000", "--out", out));
        assertTrue(err.contains("--dpi must be between 36 and 1200, got 5000"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--scale", "2", "--dpi", "300", "--out", out));
        assertTrue(err.contains("--scale and --dpi"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--width", "100in", "--height", "100in", "--dpi", "600", "--out",
                dir.resolve("huge.png").toString()));
        assertTrue(err.contains("--width/--height/--dpi: a 60000 × 60000 pixel PNG is too large"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--palette", "rainbow", "--out", out));
        assertTrue(err.contains("--palette rainbow: expected one of red-blue, okabe-ito"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--caption", "x", "--no-caption", "--out", out));
        assertTrue(err.contains("--caption and --no-caption"), err);
        assertEquals(2, render("--scores", s, "--top-k", "5", "--width", "7in", "--out", dir.resolve("e.csv").toString()));
        assertTrue(err.contains("--width applies to figures (.pdf, .svg, .png), not .csv"), err);
        assertEquals(1, render("--scores", dir.resolve("missing.json").toString(), "--top-k", "5", "--out", out));
        assertTrue(err.contains("no such score file"), err);
        assertFalse(Files.exists(Path.of(out)), "nothing written on error");
    }
}
