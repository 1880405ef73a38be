package org.eapexplorer.circuit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a circuit can be exported as, chosen by file extension (case-insensitive). */
public enum ExportFormat {
    /** Vector figure. */
    SVG("svg"),
    /** Raster figure. */
    PNG("png"),
    /** Vector figure on one page, fonts embedded: what papers take. */
    PDF("pdf"),
    /** Score file with in_graph flags: readable by ScoreJson and EAP-IG's Graph.from_json. */
    JSON("json"),
    /** Graphviz source of the kept nodes and edges. */
    DOT("dot", "gv"),
    /** Every edge's score, rank and in_graph flag, one row per edge. */
    CSV("csv");

    private final String[] extensions;

    ExportFormat(String... extensions) {
        this.extensions = extensions;
    }

    public String extension() {
        return extensions[0];
    }

    public static Optional<ExportFormat> forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> Arrays.asList(f.extensions).contains(ext)).findFirst();
    }

    /** Whether this is a drawing (SVG, PNG, PDF) rather than data. */
    public boolean isFigure() {
        return this == SVG || this == PNG || this == PDF;
    }

    /** {@code .svg, .png, .pdf, .json, .dot, .gv, .csv}, for error messages and file dialogs. */
    public static String supportedExtensions() {
        return Arrays.stream(values()).flatMap(f -> Arrays.stream(f.extensions)).map(e -> "." + e)
                .collect(Collectors.joining(", "));
    }
}
