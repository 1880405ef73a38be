package org.eapexplorer.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.zip.CRC32;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeScores;

/**
 * The compact score file, for graphs of a million edges, where the JSON form takes seconds to parse and a hundred
 * megabytes: the 8 ASCII bytes {@code EAPSCORE}, a version byte (1), the header's length in bytes (uint32,
 * little-endian), the header (UTF-8 JSON: every member of the JSON form but {@code edges}, plus {@code edge_count},
 * {@code scores_dtype} {@code "<f4"} and {@code scores_crc32}), then {@code edge_count} float32 little-endian scores in
 * {@link GraphIndex} edge order (receiver by receiver, each receiver's upstream nodes in forward order); NaN is an edge
 * not computed. numpy reads the scores as {@code np.frombuffer(data, "<f4", count, 13 + header_length)}. Every
 * edge is listed, so nothing is {@code in_graph} but the scored edges. Readers tell it from JSON by its first bytes, so
 * {@code --scores} and File → Open take either; JSON stays the form EAP-IG and MIB read.
 */
public final class CompactScores {

    static final byte[] MAGIC = "EAPSCORE".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Magic, version, header length. */
    static final int PREFIX = MAGIC.length + 1 + 4;
    /** A header holds a run's members and at most one score per node: far below this for any model. */
    static final int MAX_HEADER = 64 << 20;
    private static final Gson FLAT = new GsonBuilder().disableHtmlEscaping().create();

    private CompactScores() {
    }

    /** Whether the file starts as a compact score file does (a JSON file never starts with 'E'), cut short or not. */
    public static boolean isCompact(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] start = new byte[MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(start, 0, start.length);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (start[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Scores of which every edge was computed, refused as {@link ScoreJson#writeComputed} refuses them. */
    public static void writeComputed(Path file, ScoreFile scores, ScoreMetadata metadata, NodeScores nodeScores) throws IOException {
        ScoreJson.requireComputed(file, scores, nodeScores);
        write(file, scores, metadata, nodeScores);
    }

    /** Any scores; NaN (not computed) is kept, an infinity refused. */
    public static void write(Path file, ScoreFile scores, ScoreMetadata metadata, NodeScores nodeScores) throws IOException {
        EdgeScores edges = scores.scores();
        float[] s = edges.scores();
        ByteBuffer payload = ByteBuffer.allocate(4 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < s.length; e++) {
            if (Float.isInfinite(s[e])) {
                throw new IOException(file + ": score of " + edges.graph().edgeName(e) + " is " + s[e] + "; refusing to write an infinite score");
            }
            payload.putFloat(s[e]);
        }
        CRC32 crc = new CRC32();
        crc.update(payload.array());
        JsonObject head = ScoreJson.head(file, scores, null, metadata, nodeScores, false);
        head.addProperty("edge_count", s.length);
        head.addProperty("scores_dtype", "<f4");
        head.addProperty("scores_crc32", crc.getValue());
        byte[] header = FLAT.toJson(head).getBytes(StandardCharsets.UTF_8);
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(MAGIC).put((byte) VERSION).putInt(header.length);
        AtomicFiles.write(file, out -> {
            out.write(prefix.array());
            out.write(header);
            out.write(payload.array());
        });
    }

    public static ScoreFile read(Path file) throws IOException {
        return open(file).file();
    }

    static ScoreJson.Opened open(Path file) throws IOException {
        Layout layout = layout(file);
        GraphIndex graph = graphOf(file, layout);
        byte[] bytes = readAll(file);
        if (bytes.length != layout.size()) {
            throw new IOException(file + ": compact score file changed while it was read (" + layout.size() + " bytes, then " + bytes.length + ")");
        }
        int start = PREFIX + layout.headerLength();
        CRC32 crc = new CRC32();
        crc.update(bytes, start, bytes.length - start);
        long expected = crcOf(file, layout.header());
        if (crc.getValue() != expected) {
            throw new IOException(file + ": the scores do not match the header's scores_crc32 (expected " + expected + ", computed "
                    + crc.getValue() + "): the file is corrupt");
        }
        float[] scores = new float[layout.edgeCount()];
        ByteBuffer.wrap(bytes, start, bytes.length - start).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(scores);
        for (int e = 0; e < scores.length; e++) {
            if (Float.isInfinite(scores[e])) {
                throw new IOException(file + ": the score of " + graph.edgeName(e) + " is " + scores[e]
                        + " (expected a finite number, or NaN when not computed)");
            }
        }
        return new ScoreJson.Opened(ScoreJson.scoreFile(file, layout.header(), new EdgeScores(graph, scores)), layout.header());
    }

    /** The edges with a score: a compact file lists every edge, and only the scored ones are in the graph. */
    static BitSet scored(Path file, GraphIndex graph) throws IOException {
        EdgeScores scores = read(file).scores();
        if (!scores.graph().sameShape(graph)) {
            throw new IOException(file + ": scores for a graph of " + scores.graph().describe() + ", expected " + graph.describe());
        }
        BitSet kept = new BitSet(graph.edgeCount());
        for (int e = 0; e < scores.scores().length; e++) {
            if (!Float.isNaN(scores.score(e))) {
                kept.set(e);
            }
        }
        return kept;
    }

    /** The object a score file holds: a compact file's header (its size checked), or a JSON file's whole object. */
    static JsonObject rootOf(Path file, String kind, String expected) throws IOException {
        return isCompact(file) ? layout(file).header() : JsonFiles.readObject(file, kind, expected);
    }

    /** What the prefix and header say, checked against the file's size before anything of the scores' size is made. */
    private record Layout(int headerLength, JsonObject header, int edgeCount, long size) {
    }

    private static Layout layout(Path file) throws IOException {
        RegularFiles.require(file);
        long size = Files.size(file);
        byte[] prefix = new byte[PREFIX];
        byte[] header;
        int headerLength;
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(prefix, 0, PREFIX);
            if (n < PREFIX) {
                throw new IOException(file + ": compact score file cut short: " + n + " bytes (expected at least " + PREFIX
                        + ": \"EAPSCORE\", a version byte and the header's length)");
            }
            if (prefix[MAGIC.length] != VERSION) {
                throw new IOException(file + ": compact score file version " + (prefix[MAGIC.length] & 0xff) + " (expected " + VERSION + ")");
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(prefix, MAGIC.length + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (length > MAX_HEADER || PREFIX + length > size) {
                throw new IOException(file + ": compact score file's header is " + length + " bytes long, but the file has "
                        + (size - PREFIX) + " after its first " + PREFIX + (length > MAX_HEADER ? " (and a header is at most " + MAX_HEADER + ")" : "")
                        + ": the file is cut short or corrupt");
            }
            headerLength = (int) length;
            header = in.readNBytes(headerLength);
        }
        JsonElement parsed;
        try {
            parsed = StrictJson.parse(JsonFiles.decodeUtf8(header), file + " (header)", false);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": compact score file's header is not UTF-8 JSON: the file is corrupt");
        }
        if (!parsed.isJsonObject()) {
            throw new IOException(file + ": compact score file's header must be a JSON object, found " + JsonFiles.kindOf(parsed));
        }
        JsonObject head = parsed.getAsJsonObject();
        int edges = ScoreJson.count(file, "edge_count", head.get("edge_count"), 0);
        JsonElement dtype = head.get("scores_dtype");
        if (dtype == null || !dtype.isJsonPrimitive() || !"<f4".equals(dtype.getAsString())) {
            throw new IOException(file + ": \"scores_dtype\" is " + dtype + " (expected \"<f4\", float32 little-endian)");
        }
        long expected = PREFIX + (long) headerLength + 4L * edges;
        if (size != expected) {
            throw new IOException(file + ": compact score file " + (size < expected ? "cut short" : "too long") + ": " + size
                    + " bytes, expected " + expected + " (" + PREFIX + " + a " + headerLength + "-byte header + " + edges
                    + " float32 scores)");
        }
        return new Layout(headerLength, head, edges, size);
    }

    private static GraphIndex graphOf(Path file, Layout layout) throws IOException {
        JsonElement cfgJson = layout.header().get("cfg");
        if (cfgJson == null || !cfgJson.isJsonObject()) {
            throw new IOException(file + ": compact score file's header has no \"cfg\" object (expected {\"n_layers\": …, \"n_heads\": …})");
        }
        JsonObject cfg = cfgJson.getAsJsonObject();
        int layers = ScoreJson.count(file, "cfg.n_layers", cfg.get("n_layers"), 1);
        int heads = ScoreJson.count(file, "cfg.n_heads", cfg.get("n_heads"), 1);
        boolean attnOnly = flag(file, cfg, "attn_only");
        boolean parallel = flag(file, cfg, "parallel_attn_mlp");
        GraphIndex graph;
        try {
            graph = GraphIndex.ofDeclared(layers, heads, attnOnly, parallel, layout.edgeCount());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": \"cfg\" declares " + e.getMessage() + " in \"edge_count\"");
        }
        if (graph.edgeCount() != layout.edgeCount()) {
            throw new IOException(file + ": \"edge_count\" is " + layout.edgeCount() + ", but a graph of " + graph.describe() + " has "
                    + graph.edgeCount() + " edges");
        }
        return graph;
    }

    private static boolean flag(Path file, JsonObject cfg, String key) throws IOException {
        JsonElement f = cfg.get(key);
        if (f == null || f.isJsonNull()) {
            return false;
        }
        if (!f.isJsonPrimitive() || !f.getAsJsonPrimitive().isBoolean()) {
            throw new IOException(file + ": \"cfg." + key + "\" must be true or false, got " + f);
        }
        return f.getAsBoolean();
    }

    private static long crcOf(Path file, JsonObject header) throws IOException {
        JsonElement c = header.get("scores_crc32");
        if (c == null || !c.isJsonPrimitive() || !c.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": \"scores_crc32\" must be a whole number (the CRC-32 of the scores' bytes), got " + c);
        }
        double d = c.getAsDouble();
        if (d != Math.rint(d) || d < 0 || d > 0xffffffffL) {
            throw new IOException(file + ": \"scores_crc32\" must be a whole number from 0 to 4294967295, got " + c);
        }
        return (long) d;
    }

    private static byte[] readAll(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (OutOfMemoryError e) {
            throw new IOException(file + ": too large to read (" + Files.size(file) + " bytes)");
        }
    }
}
