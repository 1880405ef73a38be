package org.eapexplorer.circuit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;

/**
 * Timings for GPT-2 small's graph (12 × 12, 32,491 edges): ranking, threshold changes, pruning, painting and
 * hit-testing. A main, not a test, so the suite stays fast and free of timing assertions. Run after
 * {@code mvn package} (which fills target/lib):
 * <pre>java -cp "target/classes:target/test-classes:target/lib/*" org.eapexplorer.circuit.PaintBenchmark [out-dir]</pre>
 * With out-dir it also writes sample figures there.
 */
public final class PaintBenchmark {

    /** Counts calls and sums coordinates so the JIT cannot drop the painter's work: its cost alone. */
    static final class NullCanvas implements GraphCanvas {
        long calls;
        double sink;

        public void line(double x1, double y1, double x2, double y2, Rgba c, double w) { calls++; sink += x1 + y2 + w; }

        public void cubic(double x1, double y1, double a, double b, double c, double d, double x2, double y2, Rgba col, double w) {
            calls++;
            sink += x1 + b + c + y2 + w;
        }

        public void fillRect(double x, double y, double w, double h, Rgba c) { calls++; sink += x; }

        public void strokeRect(double x, double y, double w, double h, Rgba c, double width) { calls++; sink += y; }

        public void fillCircle(double cx, double cy, double r, Rgba c) { calls++; sink += r; }

        public void text(double x, double y, String t, double s, Anchor a, Rgba c) { calls++; sink += t.length(); }
    }

    interface Body {
        void run() throws Exception;
    }

    private PaintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        GraphIndex g = GraphIndex.of(12, 12);
        EdgeScores scores = Fixtures.random(g, 42);
        GraphLayout layout = GraphLayout.of(g);
        System.out.printf("graph %d edges; %d cores; java %s%n", g.edgeCount(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        time("ScoreRanking.of (sort 32,491)", 20, () -> ScoreRanking.of(scores));
        ScoreRanking ranking = ScoreRanking.of(scores);
        Random rnd = new Random(1);
        time("countAtLeast (binary search)", 20000, () -> ranking.countAtLeast(rnd.nextDouble() * ranking.maxAbs()));
        time("Circuit.topK 2,000", 500, () -> Circuit.topK(ranking, 2000));
        time("Circuit.atLeast → 32,491 (all)", 200, () -> Circuit.atLeast(ranking, 0));
        Circuit c2k = Circuit.topK(ranking, 2000);
        Circuit all = Circuit.topK(ranking, g.edgeCount());
        time("prune 2,000", 500, c2k::prune);
        time("prune 32,491", 200, all::prune);

        for (boolean curved : new boolean[] {true, false}) {
            PaintStyle style = PaintStyle.defaults().withCurved(curved);
            String kind = curved ? "curves" : "lines";
            for (Circuit c : new Circuit[] {c2k, all}) {
                String n = String.format(Locale.ROOT, "%,d %s", c.edgeCount(), kind);
                NullCanvas nul = new NullCanvas();
                time("paint " + n + " → painter only (null canvas)", 200,
                        () -> CircuitPainter.paint(nul, layout, c, style, Selection.of(c.ranking().edgeAt(0))));
                time("paint " + n + " → SvgCanvas (string)", 20, () -> {
                    SvgCanvas svg = new SvgCanvas(layout.bounds(), 1);
                    CircuitPainter.paint(svg, layout, c, style, Selection.NONE);
                    nul.sink += svg.toSvg().length();
                });
                time("paint " + n + " → PdfCanvas (saved to bytes)", 5, () -> {
                    try (PdfCanvas pdf = new PdfCanvas(layout.bounds())) {
                        CircuitPainter.paint(pdf, layout, c, style, Selection.NONE);
                        nul.sink += pdf.toPdf().length;
                    }
                });
                time("paint " + n + " → PngCanvas scale 1 (AWT raster)", 5, () -> {
                    try (PngCanvas png = new PngCanvas(layout.bounds(), 1)) {
                        CircuitPainter.paint(png, layout, c, style, Selection.NONE);
                    }
                });
            }
            time("EdgeHitTester.of 2,000 " + kind, 200, () -> EdgeHitTester.of(layout, c2k, style));
            EdgeHitTester hits = EdgeHitTester.of(layout, c2k, style);
            Bounds b = layout.bounds();
            time("edgeAt over 2,000 " + kind + " (one mouse move)", 5000,
                    () -> hits.edgeAt(b.minX() + rnd.nextDouble() * b.width(), b.minY() + rnd.nextDouble() * b.height(), 4));
        }
        if (args.length > 0) {
            Path dir = Path.of(args[0]);
            for (int k : new int[] {200, 2000}) {
                Circuit c = Circuit.of(ranking, new Cut.TopK(k), true);
                CircuitExport.write(dir.resolve("top" + k + ".svg"), c, null, PaintStyle.defaults(), 1);
                CircuitExport.write(dir.resolve("top" + k + ".png"), c, null, PaintStyle.defaults(), 1);
                CircuitExport.write(dir.resolve("top" + k + ".pdf"), c, null, PaintStyle.defaults(), 1);
            }
            System.out.println("wrote figures to " + dir);
        }
    }

    /** Warm up, then the median and the minimum of {@code runs} timed runs. */
    static void time(String what, int runs, Body body) throws Exception {
        for (int i = 0; i < Math.max(3, runs / 4); i++) {
            body.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-62s median %9.4f ms   min %9.4f ms%n", what, ms[runs / 2], ms[0]);
    }
}
