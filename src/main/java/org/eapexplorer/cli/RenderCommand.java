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
import org.eapexplorer.circuit.PaintStyle;
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
                "The format follows --out's extension: .svg or .png (figure), .json (score file with in_graph flags, "
                        + "readable by EAP-IG's Graph.from_json), .dot or .gv (Graphviz), .csv (every edge's score, rank and in_graph)."})
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

    @Option(names = "--scale", paramLabel = "S", description = "pixels per layout unit (default: 2 for PNG, 1 for SVG)")
    Double scale;

    @Option(names = "--straight", description = "straight edges instead of curves")
    boolean straight;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "graph.svg, graph.png, circuit.json, circuit.dot or edges.csv")
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
        double pixels = scale != null ? scale : format == ExportFormat.PNG ? 2 : 1;
        if (!(pixels > 0 && pixels <= 64)) {
            throw new ParameterException(spec.commandLine(), "--scale must be in (0, 64], got " + pixels);
        }
        ScoreFile file = ScoreJson.read(scores);
        ScoreRanking ranking = ScoreRanking.of(file.scores());
        if (cut.topK != null && (cut.topK < 1 || cut.topK > ranking.scoredCount())) {
            throw new ParameterException(spec.commandLine(), "--top-k " + cut.topK + " is out of range: " + scores + " scores "
                    + ranking.scoredCount() + " of " + ranking.size() + " edges, so N must be in 1.." + ranking.scoredCount());
        }
        Cut chosen = cut.topK != null ? new Cut.TopK(cut.topK) : new Cut.AtLeast(cut.threshold);
        Circuit circuit = Circuit.of(ranking, chosen, prune);
        if (format == ExportFormat.PNG && System.getProperty("java.awt.headless") == null) {
            // A figure needs no display; without this, AWT may look for one on a server.
            System.setProperty("java.awt.headless", "true");
        }
        if (format == ExportFormat.JSON) {
            // The circuit says what its scores are, as the score file did: EAP-IG's from_json needs cfg.d_model too.
            CircuitJson.write(out, circuit, file, org.eapexplorer.io.ScoreMetadataJson.read(scores).orElse(null));
        } else {
            CircuitExport.write(out, format, circuit, file, PaintStyle.defaults().withCurved(!straight), pixels);
        }
        System.err.println("render: " + circuit.describe() + "; wrote " + out);
        return 0;
    }
}
