package org.eapexplorer.circuit;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.model.EdgeId;
import org.eapexplorer.model.GraphIndex;

/**
 * Every edge (not only the kept ones) as CSV, in GraphIndex edge order, for spreadsheets and pandas:
 * {@code edge,from,to,qkv,score,abs_score,rank,in_graph}. {@code to} is the receiving node without the q/k/v
 * suffix, {@code qkv} is q, k, v or empty; {@code rank} is 1-based by |score| (1 = strongest, ties by edge
 * index, unscored last); an unscored edge has empty score fields.
 */
public final class EdgeCsv {

    public static final String HEADER = "edge,from,to,qkv,score,abs_score,rank,in_graph";

    private EdgeCsv() {
    }

    public static void write(Path file, Circuit circuit) throws IOException {
        AtomicFiles.writeText(file, out -> writeTo(out, circuit));
    }

    static void writeTo(Writer out, Circuit circuit) throws IOException {
        GraphIndex graph = circuit.graph();
        ScoreRanking ranking = circuit.ranking();
        out.write(HEADER);
        out.write('\n');
        StringBuilder row = new StringBuilder(96);
        for (int e = 0; e < graph.edgeCount(); e++) {
            EdgeId id = graph.edge(e);
            float s = circuit.scores().score(e);
            row.setLength(0);
            // Node names never contain commas or quotes (input, a3.h7, m3, logits), so no CSV quoting is needed.
            row.append(id.name()).append(',').append(id.from().name()).append(',').append(id.toNode().name()).append(',');
            if (id.qkv() != null) {
                row.append(Character.toLowerCase(id.qkv().name().charAt(0)));
            }
            row.append(',');
            if (!Float.isNaN(s)) {
                row.append(s).append(',').append(Math.abs(s));
            } else {
                row.append(',');
            }
            row.append(',').append(ranking.rank(e) + 1).append(',').append(circuit.hasEdge(e)).append('\n');
            out.write(row.toString());
        }
    }
}
