package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgCanvasTest {

    private static final GraphIndex G = GraphIndex.of(3, 4);

    @TempDir
    Path dir;

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static int countClass(Document doc, String cls) {
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        int n = 0;
        for (int i = 0; i < all.getLength(); i++) {
            if (cls.equals(((Element) all.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void isWellFormedSvgWithOneEdgeElementPerKeptEdge() throws Exception {
        for (boolean prune : new boolean[] {false, true}) {
            for (boolean curved : new boolean[] {false, true}) {
                Circuit c = Circuit.of(ScoreRanking.of(Fixtures.random(G, 5)), new Cut.TopK(40), prune);
                GraphLayout layout = GraphLayout.of(G);
                SvgCanvas svg = new SvgCanvas(layout.bounds(), 1.5);
                CircuitPainter.paint(svg, layout, c, PaintStyle.defaults().withCurved(curved), Selection.of(c.ranking().edgeAt(0)));
                Document doc = parse(svg.toSvg());
                Element root = doc.getDocumentElement();
                assertEquals("svg", root.getLocalName());
                assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
                Bounds b = layout.bounds();
                assertEquals(b.width() * 1.5, Double.parseDouble(root.getAttribute("width")), 0.01);
                assertEquals(4, root.getAttribute("viewBox").split(" ").length);
                assertEquals(c.edgeCount(), countClass(doc, "edge"));
                assertEquals(1, countClass(doc, "selection"));
                assertEquals(c.nodeCount(), countClass(doc, "node"));
                assertEquals(curved ? c.edgeCount() + 2 : 0, doc.getElementsByTagNameNS("*", "path").getLength());
                Element background = (Element) doc.getElementsByTagNameNS("*", "rect").item(0);
                assertEquals("#ffffff", background.getAttribute("fill"));
            }
        }
    }

    @Test
    void textAndTitlesAreEscaped() throws Exception {
        SvgCanvas svg = new SvgCanvas(new Bounds(0, 0, 10, 10), 1);
        String nasty = "a<b & \"c\" 'd' > e\u0001";
        svg.beginGroup("edge", nasty);
        svg.text(1, 2, nasty, 5, GraphCanvas.Anchor.MIDDLE, Rgba.hex("#102030").withAlpha(0.5));
        svg.endGroup();
        Document doc = parse(svg.toSvg());
        Element text = (Element) doc.getElementsByTagNameNS("*", "text").item(0);
        assertEquals("a<b & \"c\" 'd' > e\uFFFD", text.getTextContent());
        assertEquals("middle", text.getAttribute("text-anchor"));
        assertEquals("0.5", text.getAttribute("fill-opacity"));
        assertEquals("a<b & \"c\" 'd' > e\uFFFD", doc.getElementsByTagNameNS("*", "title").item(0).getTextContent());
    }

    @Test
    void exportWritesTheFileAtomically() throws Exception {
        Path out = dir.resolve("figs/graph.svg");
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 5)), 12);
        assertEquals(ExportFormat.SVG, CircuitExport.write(out, c, null, PaintStyle.defaults(), 1));
        Document doc = parse(Files.readString(out));
        assertEquals(12, countClass(doc, "edge"));
        assertTrue(Files.readString(out).contains(c.describe()), "caption");
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
