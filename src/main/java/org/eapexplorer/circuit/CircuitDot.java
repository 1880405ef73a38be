package org.eapexplorer.circuit;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.eapexplorer.io.AtomicFiles;

/**
 * Graphviz source of a circuit: kept nodes, one {@code rank=same} group per row of {@link GraphLayout} (input,
 * each layer's heads, each MLP, logits) with {@code rankdir=BT} so input is at the bottom as in the window,
 * and kept edges coloured and sized as the painter does. {@code dot -Tsvg circuit.dot} renders it.
 */
public final class CircuitDot {

    private CircuitDot() {
    }

    public static void write(Path file, Circuit circuit, PaintStyle style) throws IOException {
        AtomicFiles.writeText(file, out -> writeTo(out, circuit, style));
    }

    static void writeTo(Writer out, Circuit circuit, PaintStyle style) throws IOException {
        EdgeTable table = circuit.table();
        int layers = circuit.graph().nLayer();
        out.write("digraph circuit {\n");
        out.write("  // " + circuit.describe() + "\n");
        out.write("  graph [rankdir=BT, bgcolor=\"white\", nodesep=0.2, ranksep=0.45, fontname=\"Helvetica\", label="
                + quote(circuit.describe()) + ", labelloc=t];\n");
        out.write("  node [shape=box, style=\"rounded,filled\", fillcolor=\"" + style.nodeFill().toHex() + "\", color=\""
                + style.nodeStroke().toHex() + "\", fontname=\"Helvetica\", fontsize=11, height=0.3];\n");
        out.write("  edge [arrowsize=0.5, fontname=\"Helvetica\", fontsize=8];\n");
        // Rows as in GraphLayout.level: 0 input, 2l+1 heads of layer l, 2l+2 m{l}, 2L+1 logits.
        GraphLayout rows = GraphLayout.of(circuit.graph());
        for (int level = 0; level <= 2 * layers + 1; level++) {
            StringBuilder group = new StringBuilder();
            for (int n = 0; n < table.nodeCount(); n++) {
                if (circuit.hasNode(n) && rows.level(n) == level) {
                    group.append(' ').append(quote(table.nodeName(n))).append(';');
                }
            }
            if (group.length() > 0) {
                out.write("  { rank=same;" + group + " }\n");
            }
        }
        EdgePalette palette = new EdgePalette(style);
        double max = circuit.maxKeptAbs();
        ScoreRanking ranking = circuit.ranking();
        // Weakest first, as painted: later edges are drawn on top.
        for (int rank = circuit.rankLimit() - 1; rank >= 0; rank--) {
            int e = ranking.edgeAt(rank);
            if (!circuit.hasEdge(e)) {
                continue;
            }
            float s = circuit.scores().score(e);
            double relative = max > 0 ? ranking.absAt(rank) / max : 0;
            out.write("  " + quote(table.nodeName(table.from(e))) + " -> " + quote(table.nodeName(table.toNode(e))) + " [");
            out.write("color=\"" + palette.color(s, relative).toHex() + "\", penwidth="
                    + String.format(Locale.ROOT, "%.2f", style.edgeWidth(relative)));
            var qkv = table.receiverId(table.receiver(e)).qkv();
            if (qkv != null) {
                out.write(", headlabel=\"" + qkv.name().toLowerCase(Locale.ROOT) + "\"");
            }
            out.write(", tooltip=" + quote(circuit.graph().edgeName(e) + " score " + Numbers.compact(s)) + "];\n");
        }
        out.write("}\n");
    }

    /** A DOT double-quoted string. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
