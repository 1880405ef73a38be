package org.eapexplorer.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.io.JsonFormatException;
import org.eapexplorer.io.StrictJson;

/**
 * Parses and validates the JSON header of a safetensors file. Everything the reader later relies on
 * (sizes, bounds, disjointness) is checked here, so that reading tensor data needs no further
 * checks and a hostile file cannot make the reader touch bytes outside the data section.
 */
final class SafetensorsHeader {

    /** The same cap as the reference implementation: a larger header is a sign of a bad file. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final Pattern NON_NEGATIVE_INTEGER = Pattern.compile("\\d+");
    private static final Pattern NEGATIVE_INTEGER = Pattern.compile("-\\d+");

    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Tensors in the order the header lists them. */
    Map<String, TensorInfo> tensors() {
        return tensors;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param dataBytes size of the data section, which every tensor must lie inside
     * @param fileSize  only for messages, so a user can compare with what the file should be
     */
    static SafetensorsHeader parse(Path file, ByteBuffer headerBytes, long dataBytes, long fileSize)
            throws SafetensorsFormatException {
        JsonObject root = parseJsonObject(file, decodeUtf8(file, headerBytes));
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, e.getValue());
            } else {
                tensors.put(e.getKey(), parseTensor(file, e.getKey(), e.getValue()));
            }
        }
        checkLayout(file, tensors.values(), dataBytes, fileSize);
        return new SafetensorsHeader(Collections.unmodifiableMap(tensors), metadata);
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) throws SafetensorsFormatException {
        try {
            // The lenient default decoder would silently turn bad bytes into U+FFFD in tensor names.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException ex) {
            throw new SafetensorsFormatException(file, "header is not valid UTF-8 text");
        }
    }

    private static JsonObject parseJsonObject(Path file, String text) throws SafetensorsFormatException {
        // Strict, and a tensor name (or any key) given twice is refused rather than silently replacing the first.
        JsonElement root;
        try {
            root = StrictJson.parse(text, "header", false);
        } catch (JsonFormatException ex) {
            throw new SafetensorsFormatException(file, "header is not valid JSON at "
                    + JsonFormatException.position(false, ex.line(), ex.column()) + ": " + ex.problem());
        }
        if (!root.isJsonObject()) {
            throw new SafetensorsFormatException(file, "expected the header to be a JSON object, found " + JsonFiles.kindOf(root));
        }
        return root.getAsJsonObject();
    }

    private static Map<String, String> parseMetadata(Path file, JsonElement value) throws SafetensorsFormatException {
        if (!value.isJsonObject()) {
            throw new SafetensorsFormatException(file,
                    METADATA_KEY + ": expected a JSON object of strings, found " + describe(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isString())) {
                throw new SafetensorsFormatException(file,
                        METADATA_KEY + "." + e.getKey() + ": expected a string, found " + describe(v));
            }
            metadata.put(e.getKey(), v.getAsString());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static TensorInfo parseTensor(Path file, String name, JsonElement value)
            throws SafetensorsFormatException {
        if (!value.isJsonObject()) {
            throw new SafetensorsFormatException(file, name,
                    "expected a JSON object with dtype, shape and data_offsets, found " + describe(value));
        }
        JsonObject entry = value.getAsJsonObject();

        JsonElement dtypeJson = required(file, name, entry, "dtype");
        if (!(dtypeJson.isJsonPrimitive() && dtypeJson.getAsJsonPrimitive().isString())) {
            throw new SafetensorsFormatException(file, name, "dtype: expected a string, found " + describe(dtypeJson));
        }
        String dtypeName = dtypeJson.getAsString();
        DType dtype = DType.fromName(dtypeName).orElseThrow(() -> new SafetensorsFormatException(file, name,
                "unknown dtype \"" + dtypeName + "\", expected one of " + Arrays.toString(DType.values())));

        long[] shape = longArray(file, name, required(file, name, entry, "shape"), "shape", -1);
        long[] offsets = longArray(file, name, required(file, name, entry, "data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new SafetensorsFormatException(file, name,
                    "data_offsets [" + begin + ", " + end + "] end before they begin");
        }

        long expectedBytes;
        try {
            long numel = 1;
            for (long d : shape) {
                numel = Math.multiplyExact(numel, d);
            }
            expectedBytes = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException ex) {
            throw new SafetensorsFormatException(file, name,
                    "shape " + Arrays.toString(shape) + " of " + dtype + " needs more than 2^63 bytes");
        }
        if (end - begin != expectedBytes) {
            throw new SafetensorsFormatException(file, name, "shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + expectedBytes + " bytes but data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static JsonElement required(Path file, String name, JsonObject entry, String key)
            throws SafetensorsFormatException {
        JsonElement v = entry.get(key);
        if (v == null) {
            throw new SafetensorsFormatException(file, name, "missing \"" + key + "\" (entry has "
                    + entry.keySet() + ", expected dtype, shape and data_offsets)");
        }
        return v;
    }

    /** @param length required array length, or -1 for any */
    private static long[] longArray(Path file, String name, JsonElement value, String key, int length)
            throws SafetensorsFormatException {
        String expected = length < 0 ? "an array of non-negative integers"
                : "an array of " + length + " non-negative integers";
        if (!value.isJsonArray()) {
            throw new SafetensorsFormatException(file, name, key + ": expected " + expected + ", found " + describe(value));
        }
        JsonArray array = value.getAsJsonArray();
        if (length >= 0 && array.size() != length) {
            throw new SafetensorsFormatException(file, name,
                    key + ": expected " + expected + ", found " + array.size() + " elements: " + describe(array));
        }
        long[] result = new long[array.size()];
        for (int i = 0; i < result.length; i++) {
            JsonElement element = array.get(i);
            // Matching the literal text refuses 1.0 and 1e3, which the reference implementation
            // refuses as well, and lets a negative number be reported as such.
            String text = element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()
                    ? element.getAsString() : "";
            if (NEGATIVE_INTEGER.matcher(text).matches()) {
                throw new SafetensorsFormatException(file, name,
                        key + ": expected " + expected + ", found negative " + text + " in " + describe(array));
            }
            if (!NON_NEGATIVE_INTEGER.matcher(text).matches()) {
                throw new SafetensorsFormatException(file, name,
                        key + ": expected " + expected + ", found " + describe(element) + " in " + describe(array));
            }
            try {
                result[i] = Long.parseLong(text);
            } catch (NumberFormatException ex) {
                throw new SafetensorsFormatException(file, name,
                        key + ": " + text + " does not fit in a signed 64-bit integer");
            }
        }
        return result;
    }

    /** Bounds and disjointness; run after every entry parsed so the sort sees all tensors. */
    private static void checkLayout(Path file, Iterable<TensorInfo> infos, long dataBytes, long fileSize)
            throws SafetensorsFormatException {
        List<TensorInfo> byOffset = new ArrayList<>();
        infos.forEach(byOffset::add);
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));

        TensorInfo previous = null;
        for (TensorInfo t : byOffset) {
            // With begin sorted, only the neighbour can overlap; empty tensors overlap nothing.
            if (previous != null && t.begin() < previous.end() && t.begin() < t.end()) {
                throw new SafetensorsFormatException(file, t.name(), "bytes [" + t.begin() + ", " + t.end()
                        + ") overlap tensor '" + previous.name() + "' bytes [" + previous.begin() + ", "
                        + previous.end() + "); tensors must not share data");
            }
            if (previous == null || t.end() > previous.end()) {
                previous = t;
            }
        }

        long maxEnd = byOffset.stream().mapToLong(TensorInfo::end).max().orElse(0);
        for (TensorInfo t : byOffset) {
            if (t.end() > dataBytes) {
                long missing = maxEnd - dataBytes;
                throw new SafetensorsFormatException(file, t.name(), "needs data bytes [" + t.begin() + ", "
                        + t.end() + ") but the data section holds only " + dataBytes + " bytes: the file is "
                        + "truncated, " + missing + " bytes missing (file is " + fileSize + " bytes, expected "
                        + (fileSize + missing) + ")");
            }
        }
    }

    private static String describe(JsonElement value) {
        String kind;
        if (value.isJsonNull()) {
            return "null";
        } else if (value.isJsonObject()) {
            kind = "object";
        } else if (value.isJsonArray()) {
            kind = "array";
        } else {
            JsonPrimitive p = value.getAsJsonPrimitive();
            kind = p.isString() ? "string" : p.isNumber() ? "number" : "boolean";
        }
        String text = value.toString();
        return kind + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
