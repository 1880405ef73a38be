package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.LargeGraphs;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.NodeScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compact score file: exact both ways, read by content wherever a score file is read, and refused when cut or corrupt. */
class CompactScoresTest {

    @TempDir
    Path dir;

    private static ScoreFile scoreFile(EdgeScores scores) {
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("load", 1234.5);
        timing.put("eap", 6789.0);
        return new ScoreFile("/models/qwen", "/prompts/ioi.jsonl", "logit_diff", 20, "CPU (2 threads)", 1.75, -0.5, timing, scores);
    }

    /** Qwen2.5-0.5B's graph (179,749 edges), some edges not computed: the same floats, bit for bit, by either form. */
    @Test
    void largeGraphRoundTripsExactlyInBothForms() throws IOException {
        GraphIndex graph = LargeGraphs.qwen25_05b().graph();
        assertEquals(179_749, graph.edgeCount());
        EdgeScores scores = LargeGraphs.randomScores(graph, 11, 1_000);
        Path compact = dir.resolve("scores.eapscores");
        Path json = dir.resolve("scores.json");
        CompactScores.write(compact, scoreFile(scores), null, null);
        ScoreJson.write(json, scoreFile(scores));

        ScoreFile fromCompact = ScoreJson.read(compact);
        ScoreFile fromJson = ScoreJson.read(json);
        for (ScoreFile back : new ScoreFile[] {fromCompact, fromJson}) {
            assertTrue(back.scores().graph().sameShape(graph));
            assertArrayEquals(bits(scores.scores()), bits(back.scores().scores()));
            assertEquals("/models/qwen", back.model());
            assertEquals(20, back.pairs());
            assertEquals(1.75, back.metricClean());
            assertEquals(-0.5, back.metricCorrupted());
            assertEquals(Map.of("load", 1234.5, "eap", 6789.0), back.timingMillis());
        }
        assertEquals(CompactScores.PREFIX + headerLength(compact) + 4L * graph.edgeCount(), Files.size(compact));
        // in_graph: the scored edges, as the JSON form marks them.
        assertEquals(ScoreJson.readInGraph(json, graph), ScoreJson.readInGraph(compact, graph));
        assertEquals(graph.edgeCount() - 1_000, ScoreJson.readInGraph(compact, graph).cardinality());
    }

    /** Every float, including subnormals, -0 and the extremes, comes back as written. */
    @Test
    void everyFloatComesBackAsWritten() throws IOException {
        GraphIndex graph = GraphIndex.of(2, 2);
        float[] s = new float[graph.edgeCount()];
        float[] special = {-0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30f, 0.1f, Float.NaN};
        for (int e = 0; e < s.length; e++) {
            s[e] = special[e % special.length];
        }
        Path file = dir.resolve("s.bin");
        CompactScores.write(file, scoreFile(new EdgeScores(graph, s)), null, null);
        assertArrayEquals(bits(s), bits(ScoreJson.read(file).scores().scores()));
    }

    /** The metadata, the method and the node scores ride in the header, read by the same calls as from JSON. */
    @Test
    void metadataMethodAndNodeScoresReadFromTheHeader() throws IOException {
        GraphIndex graph = GraphIndex.of(3, 4);
        EdgeScores scores = LargeGraphs.randomScores(graph, 3, 0);
        NodeScores nodes = NodeScores.ofEdges(scores);
        ScoreMetadata metadata = new ScoreMetadata("eap-ig-inputs", 5, "node", 64, null, null, "1.0");
        Path file = dir.resolve("node.scores");
        CompactScores.writeComputed(file, scoreFile(scores), metadata, nodes);
        assertArrayEquals(nodes.scores(), ScoreJson.readNodeScores(file, graph).orElseThrow().scores());
        ScoreMetadata back = ScoreMetadataJson.read(file).orElseThrow();
        assertEquals(64, back.dModel());
        assertEquals("node", back.level());
        assertEquals(new MethodSpec(AttributionMethod.parse("eap-ig-inputs"), 5), ScoreFileMethod.read(file).orElseThrow());
    }

    @Test
    void jsonIsNotTakenForCompact() throws IOException {
        Path json = dir.resolve("x.eapscores");
        ScoreJson.write(json, scoreFile(LargeGraphs.randomScores(GraphIndex.of(1, 2), 1, 0)));
        assertFalse(CompactScores.isCompact(json));
        assertEquals(GraphIndex.of(1, 2).edgeCount(), ScoreJson.read(json).scores().scores().length);
    }

    @Test
    void aFileCutShortAnywhereIsRefusedNamingFileAndWhatWasExpected() throws IOException {
        Path file = writeSmall();
        byte[] whole = Files.readAllBytes(file);
        int header = headerLength(file);
        for (int cut : new int[] {3, CompactScores.PREFIX - 1, CompactScores.PREFIX + header / 2, CompactScores.PREFIX + header + 5,
                whole.length - 1}) {
            Path cutFile = dir.resolve("cut" + cut);
            Files.write(cutFile, Arrays.copyOf(whole, cut));
            IOException e = assertThrows(IOException.class, () -> ScoreJson.read(cutFile), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(cutFile + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("ends"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        Path cutFile = dir.resolve("cut-scores");
        Files.write(cutFile, Arrays.copyOf(whole, whole.length - 3));
        IOException e = assertThrows(IOException.class, () -> ScoreJson.read(cutFile));
        assertEquals(cutFile + ": compact score file cut short: " + (whole.length - 3) + " bytes, expected " + whole.length + " ("
                + CompactScores.PREFIX + " + a " + header + "-byte header + " + GraphIndex.of(2, 3).edgeCount() + " float32 scores)",
                e.getMessage());
    }

    @Test
    void extraBytesAFlippedScoreOrAnotherVersionAreRefused() throws IOException {
        Path file = writeSmall();
        byte[] whole = Files.readAllBytes(file);

        Path longer = dir.resolve("longer");
        Files.write(longer, Arrays.copyOf(whole, whole.length + 4));
        assertTrue(assertThrows(IOException.class, () -> ScoreJson.read(longer)).getMessage().contains("too long"));

        Path flipped = dir.resolve("flipped");
        byte[] f = whole.clone();
        f[f.length - 2] ^= 0x10;
        Files.write(flipped, f);
        String message = assertThrows(IOException.class, () -> ScoreJson.read(flipped)).getMessage();
        assertTrue(message.startsWith(flipped + ": the scores do not match the header's scores_crc32"), message);

        Path version = dir.resolve("version");
        byte[] v = whole.clone();
        v[CompactScores.MAGIC.length] = 2;
        Files.write(version, v);
        assertEquals(version + ": compact score file version 2 (expected 1)",
                assertThrows(IOException.class, () -> ScoreJson.read(version)).getMessage());
    }

    /** An infinity with a matching checksum (written by another tool) is refused naming the edge, as JSON's reader does. */
    @Test
    void anInfiniteScoreIsRefusedNamingTheEdge() throws IOException {
        Path file = writeSmall();
        byte[] b = Files.readAllBytes(file);
        int start = CompactScores.PREFIX + headerLength(file);
        ByteBuffer.wrap(b, start + 4 * 5, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.POSITIVE_INFINITY);
        CRC32 crc = new CRC32();
        crc.update(b, start, b.length - start);
        String header = new String(b, CompactScores.PREFIX, start - CompactScores.PREFIX, java.nio.charset.StandardCharsets.UTF_8);
        String fixed = header.replaceFirst("\"scores_crc32\":\\d+", "\"scores_crc32\":" + crc.getValue());
        byte[] head = fixed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(CompactScores.PREFIX + head.length + b.length - start).order(ByteOrder.LITTLE_ENDIAN);
        out.put(CompactScores.MAGIC).put((byte) 1).putInt(head.length).put(head).put(b, start, b.length - start);
        Path inf = dir.resolve("inf");
        Files.write(inf, out.array());
        String edge = GraphIndex.of(2, 3).edgeName(5);
        assertEquals(inf + ": the score of " + edge + " is Infinity (expected a finite number, or NaN when not computed)",
                assertThrows(IOException.class, () -> ScoreJson.read(inf)).getMessage());
    }

    private Path writeSmall() throws IOException {
        Path file = dir.resolve("small.eapscores");
        CompactScores.write(file, scoreFile(LargeGraphs.randomScores(GraphIndex.of(2, 3), 5, 0)), null, null);
        return file;
    }

    private static int headerLength(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return ByteBuffer.wrap(b, CompactScores.MAGIC.length + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static int[] bits(float[] s) {
        int[] b = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            b[i] = Float.floatToRawIntBits(s[i]);
        }
        return b;
    }
}
