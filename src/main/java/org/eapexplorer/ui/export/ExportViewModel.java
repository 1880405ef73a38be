package org.eapexplorer.ui.export;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.CircuitExport;
import org.eapexplorer.circuit.ExportFormat;
import org.eapexplorer.circuit.Figure;
import org.eapexplorer.circuit.FigureSize;
import org.eapexplorer.circuit.FigureSpec;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.SignPalette;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.charts.HistogramPainter;

/**
 * Figure and data exports of what is on screen, through the circuit package's exporters (the same files as the
 * {@code render} command). The circuit is captured on the FX thread (it is immutable) and written on the file
 * worker, through a temporary file moved into place.
 */
public final class ExportViewModel {

    /** Natural size of an exported histogram figure, in points (pixels at scale 1). */
    public static final double HISTOGRAM_WIDTH = 720;
    public static final double HISTOGRAM_HEIGHT = 300;
    /** Widest graph copied to the clipboard, in points. */
    static final double COPY_MAX_WIDTH = 1000;

    private final AppState state;
    private final CircuitViewModel circuits;
    private final FileExports exports;
    private final ObjectProperty<SignPalette> palette = new SimpleObjectProperty<>(this, "palette", SignPalette.RED_BLUE);
    private javafx.beans.value.ObservableValue<org.eapexplorer.circuit.ScoreRanking> colouring;
    private java.util.function.Supplier<String> differenceOf;
    private javafx.beans.value.ObservableValue<Boolean> nodeScores;

    public ExportViewModel(AppState state, CircuitViewModel circuits, TaskExecutor files, ErrorReporter errors) {
        this(state, circuits, files, errors, new PaletteSetting(null));
    }

    /** As above, the palette read from {@code setting} and saved there whenever it changes. */
    public ExportViewModel(AppState state, CircuitViewModel circuits, TaskExecutor files, ErrorReporter errors, PaletteSetting setting) {
        this.state = state;
        this.circuits = circuits;
        this.exports = new FileExports(state, files, errors);
        palette.set(setting.load(state::say));
        palette.addListener((obs, old, chosen) -> {
            if (chosen != null) {
                try {
                    setting.save(chosen);
                } catch (java.io.IOException e) {
                    errors.report("Cannot remember the edge colours", e);
                }
            }
        });
    }

    public boolean hasCircuit() {
        return circuits.circuit() != null;
    }

    /** The sign colours of exported graphs (and of the window's graph, which shares this setting). */
    public ObjectProperty<SignPalette> paletteProperty() {
        return palette;
    }

    /**
     * The circuit at the current threshold to {@code out}: PDF, SVG or PNG figures (at {@code scale} pixels per
     * point, the whole layout at one point a unit), EAP-IG JSON, DOT, or CSV of every edge's score with its
     * in-circuit flag; chosen by extension.
     */
    public JobHandle exportCircuit(Path out, double scale) {
        return exportCircuit(out, FigureSpec.natural(scale));
    }

    /** As above, a figure at the size, DPI and caption of {@code spec}, with its legend strip. */
    public JobHandle exportCircuit(Path out, FigureSpec spec) {
        Circuit circuit = requireCircuit();
        ExportFormat format = ExportFormat.forFile(out).orElseThrow(() -> new IllegalArgumentException(
                "Cannot tell the format of " + out.getFileName() + ": use one of " + ExportFormat.supportedExtensions()));
        AnalysisResult result = state.result();
        ScoreFile source = scoreFile(result);
        SignPalette colours = java.util.Objects.requireNonNullElse(palette.get(), SignPalette.RED_BLUE);
        PaintStyle style = PaintStyle.defaults(colours);
        if (format == ExportFormat.JSON) {
            // A score file says what it is (method, steps, model and prompts by SHA-256), as the score command's do.
            return exports.write("Export " + format.name(), out, () -> writeCircuitJson(out, circuit, result));
        }
        if (!format.isFigure()) {
            return exports.write("Export " + format.name(), out, () -> CircuitExport.write(out, format, circuit, source, style, 1));
        }
        GraphLayout layout = GraphLayout.of(circuit.graph());
        org.eapexplorer.circuit.ScoreRanking by = colouring();
        String caption = explained(spec.caption(automaticCaption().text()), by);
        org.eapexplorer.circuit.NodeColours fills = nodeFills(circuit, colours);
        FigureSize size = spec.size(Figure.graphBounds(layout).width(), w -> Figure.graphHeight(layout, w, caption != null));
        if (format == ExportFormat.PNG && size.pngProblem() != null) {
            throw new IllegalArgumentException(size.pngProblem());
        }
        // Recolouring ranks every edge again (32,491 on GPT-2 small): on the file worker, as copyGraph does it.
        return exports.write("Export " + format.name(), out,
                () -> graphFigure(layout, circuit, by, style, colours, fills, caption).write(out, format, size));
    }

    /**
     * Scores the graph is coloured by instead of its own, as the window's graph is ({@code GraphView.colourBy}): a
     * figure shows what the window shows, its legend saying what the colours mean.
     */
    public void colourBy(javafx.beans.value.ObservableValue<org.eapexplorer.circuit.ScoreRanking> scores) {
        colourBy(scores, () -> null);
    }

    /** As above, {@code which} saying which score sets the difference is of ("A = …, B = …"), for the figure's caption. */
    public void colourBy(javafx.beans.value.ObservableValue<org.eapexplorer.circuit.ScoreRanking> scores,
                         java.util.function.Supplier<String> which) {
        colouring = scores;
        differenceOf = which;
    }

    /** Whether the window fills its nodes by node score: figures then do too ({@code GraphView.colourNodesProperty}). */
    public void fillNodesWhen(javafx.beans.value.ObservableValue<Boolean> on) {
        nodeScores = on;
    }

    private org.eapexplorer.circuit.NodeColours nodeFills(Circuit circuit, SignPalette colours) {
        return nodeScores != null && Boolean.TRUE.equals(nodeScores.getValue())
                ? org.eapexplorer.ui.graph.NodeScoreColours.of(circuit.scores(), colours) : null;
    }

    /**
     * The caption with what the figure's colours are, where the legend strip cannot say it all: which sets B − A is of,
     * and that nodes are filled by their scores. A figure stays readable away from the window.
     */
    private String explained(String caption, org.eapexplorer.circuit.ScoreRanking by) {
        StringBuilder b = new StringBuilder(caption == null ? "" : caption.strip());
        String which = differenceOf == null ? null : differenceOf.get();
        if (by != null && which != null) {
            b.append(b.length() == 0 ? "" : " ").append("Edges coloured by score_B − score_A: ").append(which).append('.');
        }
        if (nodeScores != null && Boolean.TRUE.equals(nodeScores.getValue())) {
            b.append(b.length() == 0 ? "" : " ").append("Nodes filled by their node scores (the sum of their out-edges' scores).");
        }
        return b.length() == 0 ? null : b.toString();
    }

    private org.eapexplorer.circuit.ScoreRanking colouring() {
        return colouring == null ? null : colouring.getValue();
    }

    /** The graph figure as the window draws it: by the colouring scores {@code by} when there are any, with their legend. */
    private static Figure graphFigure(GraphLayout layout, Circuit circuit, org.eapexplorer.circuit.ScoreRanking by, PaintStyle style,
                                      SignPalette colours, org.eapexplorer.circuit.NodeColours fills, String caption) {
        Circuit painted = circuit.colouredBy(by);
        org.eapexplorer.circuit.GraphLegend.Wording wording = painted == circuit
                ? org.eapexplorer.circuit.GraphLegend.Wording.scores(circuit, colours)
                : org.eapexplorer.circuit.GraphLegend.Wording.difference(circuit, colours);
        return CircuitExport.graphFigure(layout, painted, style, colours, wording, fills, caption);
    }

    /** The caption a figure of the current result gets unless the user writes one; null before there is a result. */
    public org.eapexplorer.circuit.Caption automaticCaption() {
        Circuit circuit = circuits.circuit();
        return state.result() == null ? null
                : circuit == null ? FigureCaptions.of(state) : FigureCaptions.of(state.result(), circuit.describe());
    }

    /**
     * Puts the graph figure (legend and caption included) on the clipboard as PNG: at most 1000 pt (about 14 in)
     * wide, two pixels a point, as the PNG export draws it, so a GPT-2-sized graph stays a pasteable few megapixels.
     * Drawn on the file worker (seconds for 32,491 edges), put on the clipboard on the FX thread.
     */
    public JobHandle copyGraph() {
        Circuit circuit = requireCircuit();
        SignPalette colours = java.util.Objects.requireNonNullElse(palette.get(), SignPalette.RED_BLUE);
        state.say("Copying the graph as PNG…");
        org.eapexplorer.circuit.ScoreRanking by = colouring();
        String caption = explained(automaticCaption().text(), by);
        org.eapexplorer.circuit.NodeColours fills = nodeFills(circuit, colours);
        return exports.compute("Copy graph", context -> {
            GraphLayout layout = GraphLayout.of(circuit.graph());
            double width = Math.min(Figure.graphBounds(layout).width(), COPY_MAX_WIDTH);
            FigureSize size = new FigureSpec(new org.eapexplorer.circuit.Length(width, org.eapexplorer.circuit.Length.Unit.PT), null,
                    FigureSpec.DEFAULT_DPI, true, null).size(width, w -> Figure.graphHeight(layout, w, true));
            return graphFigure(layout, circuit, by, PaintStyle.defaults(colours), colours, fills, caption).png(size);
        }, png -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putImage(new javafx.scene.image.Image(new java.io.ByteArrayInputStream(png)));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            state.say("Copied the graph as PNG.");
        });
    }

    /** The histogram with its ±T lines, as PDF, PNG or SVG. */
    public JobHandle exportHistogram(Path out, double scale) {
        return exportHistogram(out, FigureSpec.natural(scale));
    }

    public JobHandle exportHistogram(Path out, FigureSpec spec) {
        Circuit circuit = requireCircuit();
        Histogram histogram = org.eapexplorer.ui.charts.HistogramView.histogramOf(state.result());
        double threshold = circuit.absThreshold();
        if (ExportFormat.forFile(out).filter(ExportFormat::isFigure).isEmpty()) {
            throw new IllegalArgumentException("A histogram exports as .pdf, .png or .svg, not " + out.getFileName());
        }
        return exports.figure("Export histogram", out, spec, HISTOGRAM_WIDTH, HISTOGRAM_HEIGHT,
                (canvas, w, h) -> HistogramPainter.paint(canvas, histogram, threshold, w, h));
    }

    /** Score-file metadata of a result, for the JSON export and captions. */
    /**
     * {@code circuit} of {@code r}'s scores as EAP-IG's circuit JSON, saying what the scores are (method, steps, model and
     * prompts by SHA-256) as the score command's files do; an atomic write that hashes files, so for the file worker.
     */
    public static void writeCircuitJson(Path out, Circuit circuit, AnalysisResult r) throws java.io.IOException {
        org.eapexplorer.circuit.CircuitJson.write(out, circuit, scoreFile(r), ResultMetadata.of(r));
    }

    public static ScoreFile scoreFile(AnalysisResult r) {
        Map<String, Double> timing = new LinkedHashMap<>();
        if (r.loadMillis() > 0) {
            timing.put("load", r.loadMillis());
        }
        if (r.eapMillis() > 0) {
            timing.put("eap", r.eapMillis());
        }
        return new ScoreFile(r.modelDir().toString(), r.promptFile() == null ? r.promptSource() : r.promptFile().toString(),
                r.metric().jsonName(), r.pairs(), r.deviceDescription(), r.metricClean(), r.metricCorrupted(), timing, r.scores());
    }

    private Circuit requireCircuit() {
        Circuit circuit = circuits.circuit();
        if (circuit == null) {
            throw new IllegalStateException("Nothing to export yet: run EAP or open a session first.");
        }
        return circuit;
    }
}
