package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 26, item 4: node-score fills carry over to exported graphs, as the README says. */
class NodeScoreExportTest extends WindowTest {

    /** The fills of the node boxes in an SVG export. */
    private static Set<String> nodeFills(Path svg) throws Exception {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("<g class=\"node\">(.*?)</g>", Pattern.DOTALL).matcher(Files.readString(svg));
        while (m.find()) {
            Matcher fill = Pattern.compile("<rect[^>]*fill=\"([^\"]+)\"").matcher(m.group(1));
            if (fill.find()) {
                out.add(fill.group(1));
            }
        }
        return out;
    }

    @Test
    void anExportFillsTheNodesByTheirScoresWhenTheWindowDoes() throws Exception {
        app.runBuiltIn();
        Path plain = tempDir.resolve("plain.svg");
        WindowFixture.await(fx(() -> app.models().export().exportCircuit(plain, 1)));
        assertEquals(1, nodeFills(plain).size(), "plain nodes: one fill " + nodeFills(plain));
        fxRun(() -> app.window.graphView().colourNodesProperty().set(true));
        Path filled = tempDir.resolve("filled.svg");
        WindowFixture.await(fx(() -> app.models().export().exportCircuit(filled, 1)));
        assertTrue(nodeFills(filled).size() > 2, "node-score fills in the export: " + nodeFills(filled));
    }
}
