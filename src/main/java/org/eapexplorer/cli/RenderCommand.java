package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.CircuitExport;
import org.eapexplorer.circuit.CircuitJson;
import org.eapexplorer.circuit.Cut;
import org.eapexplorer.circuit.ExportFormat;
import org.eapexplorer.circuit.Caption;
import org.eapexplorer.circuit.Figure;
import org.eapexplorer.circuit.FigureSize;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.circuit.FigureSpec;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.SignPalette;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draw or export the circuit of a score file at a threshold, so figures can be scripted.",
                "The format follows --out's extension: .pdf, .svg or .png (figure with legend and caption), .json (score file "
                        + "with in_graph flags, readable by EAP-IG's Graph.from_json), .dot or .gv (Graphviz), .csv (every edge's "
                        + "score, rank and in_graph).",
                "Figure sizes are in points (1/72 in): --width 7in is a 504 pt PDF page, a 7 in SVG and a 7 × dpi pixel PNG; "
                        + "a size in px counts at --dpi."})
final class RenderCommand implements Callable<Integer>, WritesFiles {

    @Spec
    CommandSpec spec;

    @Option(names = "--scores", required = true, paramLabel = "FILE", description = "score file written by `score` (or an EAP-IG graph JSON)")
    Path scores;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CutOptions cut;

    static final class CutOptions {
        @Option(names = "--top-k", required = true, paramLabel = "N", description = "keep the N edges of largest |score|")
        Integer topK;

        @Option(names = "--threshold", required = true, paramLabel = "T", description = "keep every edge with |score| ≥ T")
        Double threshold;
    }

    @Option(names = "--prune", description = "keep only edges on a path from input to logits through kept edges")
    boolean prune;

    @Option(names = "--scale", paramLabel = "S", description = "PNG pixels per point, the same as --dpi 72·S (kept for old scripts)")
    Double scale;

    @Option(names = "--width", paramLabel = "LENGTH", description = "figure width with its unit: 7in, 17.8cm, 504pt or 1200px "
            + "(default: the whole layout at one point a unit)")
    String width;

    @Option(names = "--height", paramLabel = "LENGTH", description = "figure height (default: what the width needs to show the whole graph)")
    String height;

    @Option(names = "--dpi", paramLabel = "N", description = "PNG pixels per inch, and what px sizes count at (default: 144)")
    Double dpi;

    @Option(names = "--caption", paramLabel = "TEXT", description = "the caption line (default: model · prompts · metric · method · cut)")
    String caption;

    @Option(names = "--no-caption", description = "no caption line")
    boolean noCaption;

    @Option(names = "--palette", paramLabel = "NAME", defaultValue = "red-blue",
            description = "sign colours: red-blue, or okabe-ito (colour-blind safe vermillion/blue); default: ${DEFAULT-VALUE}")
    String palette;

    @Option(names = "--straight", description = "straight edges instead of curves")
    boolean straight;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "graph.pdf, graph.svg, graph.png, circuit.json, circuit.dot or edges.csv")
    Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.file("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(OutputGuard.Input.of("--scores", scores));
    }

    @Override
    public Integer call() throws Exception {
        // Check everything that does not need the score file first, so a typo fails before a 2 MB read.
        ExportFormat format = ExportFormat.forFile(out).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--out " + out + ": unknown extension; use one of " + ExportFormat.supportedExtensions()));
        if (cut.threshold != null && !(cut.threshold >= 0 && cut.threshold < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be a finite number ≥ 0 (it applies to |score|), got " + cut.threshold);
        }
        SignPalette colours = SignPalette.forName(palette).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--palette " + palette + ": expected one of " + SignPalette.names()));
        FigureSpec figure = figureSpec(format);
        // Read once: a million-edge JSON file takes seconds to parse, and the metadata and method come from the same object.
        ScoreJson.Opened opened = ScoreJson.open(scores);
        ScoreFile file = opened.file();
        ScoreRanking ranking = ScoreRanking.of(file.scores());
        if (cut.topK != null && (cut.topK < 1 || cut.topK > ranking.scoredCount())) {
            throw new ParameterException(spec.commandLine(), "--top-k " + cut.topK + " is out of range: " + scores + " scores "
                    + ranking.scoredCount() + " of " + ranking.size() + " edges, so N must be in 1.." + ranking.scoredCount());
        }
        Cut chosen = cut.topK != null ? new Cut.TopK(cut.topK) : new Cut.AtLeast(cut.threshold);
        Circuit circuit = Circuit.of(ranking, chosen, prune);
        if (format.isFigure() && System.getProperty("java.awt.headless") == null) {
            // A figure needs no display; without this, AWT may look for one on a server.
            System.setProperty("java.awt.headless", "true");
        }
        if (format == ExportFormat.JSON) {
            // The circuit says what its scores are, as the score file did: EAP-IG's from_json needs cfg.d_model too.
            CircuitJson.write(out, circuit, file, org.eapexplorer.io.ScoreMetadataJson.of(scores, opened.head()).orElse(null));
        } else if (format.isFigure()) {
            GraphLayout layout = GraphLayout.of(circuit.graph());
            String text = figure.caption(Caption.of(file, method(opened), circuit).text());
            FigureSize size = figure.size(Figure.graphBounds(layout).width(), w -> Figure.graphHeight(layout, w, text != null));
            if (format == ExportFormat.PNG && size.pngProblem() != null) {
                throw new ParameterException(spec.commandLine(), "--width/--height/--dpi: " + size.pngProblem());
            }
            CircuitExport.writeFigure(out, format, layout, circuit, PaintStyle.defaults(colours).withCurved(!straight), colours, size, text);
        } else {
            CircuitExport.write(out, format, circuit, file, PaintStyle.defaults(colours).withCurved(!straight), 1);
        }
        System.err.println("render: " + circuit.describe() + "; wrote " + out);
        return 0;
    }

    /** The figure options, checked before the score file is read (null for data formats). */
    private FigureSpec figureSpec(ExportFormat format) {
        if (!format.isFigure()) {
            for (Object[] o : new Object[][] {{"--width", width}, {"--height", height}, {"--dpi", dpi},
                    {"--caption", caption}, {"--no-caption", noCaption ? true : null}}) {
                if (o[1] != null) {
                    throw new ParameterException(spec.commandLine(), o[0] + " applies to figures (.pdf, .svg, .png), not ." + format.extension());
                }
            }
            return null;
        }
        if (scale != null && dpi != null) {
            throw new ParameterException(spec.commandLine(), "--scale and --dpi say the same thing: give one");
        }
        if (caption != null && noCaption) {
            throw new ParameterException(spec.commandLine(), "--caption and --no-caption: give one");
        }
        if (scale != null && !(scale * 72 >= FigureSize.MIN_DPI && scale * 72 <= FigureSize.MAX_DPI)) {
            throw new ParameterException(spec.commandLine(), "--scale must be between 0.5 and " + (int) (FigureSize.MAX_DPI / 72)
                    + " pixels per point, got " + scale);
        }
        double pixelsPerInch = dpi != null ? dpi : scale != null ? 72 * scale : FigureSpec.DEFAULT_DPI;
        try {
            return FigureSpec.parse(width, height, pixelsPerInch, !noCaption, caption);
        } catch (IllegalArgumentException e) {
            // FigureSpec names the option first ("width: expected …").
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }

    /** The method the score file's metadata names, e.g. "EAP-IG (inputs), 5 steps"; null when it does not say. */
    private String method(ScoreJson.Opened opened) throws java.io.IOException {
        java.util.Optional<org.eapexplorer.model.MethodSpec> spec = org.eapexplorer.io.ScoreFileMethod.of(scores, opened.head());
        if (spec.isPresent()) {
            return spec.get().describe();
        }
        String named = org.eapexplorer.io.ScoreMetadataJson.of(scores, opened.head()).map(m -> m.method()).orElse(null);
        return named == null || named.isBlank() || named.equals("unknown") ? null : named;
    }
}
