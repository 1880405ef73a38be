package org.eapexplorer.safetensors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    // ---- round trips -------------------------------------------------------------------------

    @Test
    void f32RoundTripIsBitExact() throws IOException {
        float[] values = {0f, -0f, 1f, -2.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, 1e-40f};
        Path file = dir.resolve("f32.safetensors");
        SafetensorsWriter.write(file, Map.of("w", TensorData.f32(values, 2, 5)));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(new TensorInfo("w", DType.F32, new long[] {2, 5}, 0, 40), st.info("w").orElseThrow());
            assertArrayEquals(values, st.readFloats("w"));
        }
    }

    @Test
    void f16RoundTripKeepsRepresentableValuesAndRoundsTheRest() throws IOException {
        float[] exact = {0f, -0f, 1f, -2f, 0.5f, 65504f, -65504f, 0x1p-24f, 3 * 0x1p-24f, 1023 * 0x1p-24f,
                0x1p-14f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] rounded = {1e5f, 65520f, 65519f, 0x1p-26f, 0x1p-25f, 1.5f * 0x1p-25f, -1e-10f,
                1 + 0x1p-11f, 1 + 3 * 0x1p-11f, -Float.MAX_VALUE};
        float[] expectedRounded = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 65504f, 0f, 0f, 0x1p-24f,
                -0f, 1f, 1 + 0x1p-9f, Float.NEGATIVE_INFINITY};
        Path file = dir.resolve("f16.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("exact", TensorData.f16(exact, exact.length));
        tensors.put("rounded", TensorData.f16(rounded, rounded.length));
        SafetensorsWriter.write(file, tensors);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(DType.F16, st.info("exact").orElseThrow().dtype());
            assertArrayEquals(exact, st.readFloats("exact"));
            assertArrayEquals(expectedRounded, st.readFloats("rounded"));
        }
    }

    @Test
    void bf16RoundTripKeepsRepresentableValuesAndRoundsTheRest() throws IOException {
        float[] exact = {0f, -0f, 1f, -2f, 0x1p-133f, 0x1p127f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7F810000)};
        float[] rounded = {1 + 0x1p-8f, 1 + 3 * 0x1p-8f, 1 + 0x1p-8f + 0x1p-20f, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.intBitsToFloat(0x7F800001)};
        float[] expectedRounded = {1f, 1 + 0x1p-6f, 1 + 0x1p-7f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN};
        Path file = dir.resolve("bf16.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("exact", TensorData.bf16(exact, exact.length));
        tensors.put("rounded", TensorData.bf16(rounded, rounded.length));
        SafetensorsWriter.write(file, tensors);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(exact, st.readFloats("exact"));
            assertArrayEquals(expectedRounded, st.readFloats("rounded"));
        }
    }

    @Test
    void scalarsAndEmptyTensorsRoundTrip() throws IOException {
        Path file = dir.resolve("edge.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("scalar", TensorData.f32(new float[] {7f}));
        tensors.put("empty", TensorData.f16(new float[0], 3, 0));
        tensors.put("after", TensorData.bf16(new float[] {2f, 3f}, 2));
        SafetensorsWriter.write(file, tensors);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("scalar", "empty", "after"), List.copyOf(st.names()));
            assertEquals(1, st.info("scalar").orElseThrow().numel());
            assertArrayEquals(new float[] {7f}, st.readFloats("scalar"));
            assertArrayEquals(new float[0], st.readFloats("empty"));
            assertArrayEquals(new float[] {2f, 3f}, st.readFloats("after"));
        }
    }

    @Test
    void metadataNamesAndHeaderPaddingAreAsWritten() throws IOException {
        Path file = dir.resolve("meta.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("b", TensorData.f32(new float[] {1, 2, 3}, 3));
        tensors.put("a", TensorData.f16(new float[] {4}, 1, 1));
        SafetensorsWriter.write(file, tensors, Map.of("format", "pt", "note", "<é & \"quoted\">"));

        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = raw.getLong();
        assertEquals(0, headerLength % 8, "data section must start 8-byte aligned");
        assertEquals(8 + headerLength + 12 + 2, Files.size(file));

        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("b", "a"), List.copyOf(st.names()));
            assertEquals(Map.of("format", "pt", "note", "<é & \"quoted\">"), st.metadata());
            assertEquals(new TensorInfo("a", DType.F16, new long[] {1, 1}, 12, 14), st.info("a").orElseThrow());
            assertTrue(st.info("missing").isEmpty());
            assertTrue(st.info("__metadata__").isEmpty());
        }
    }

    @Test
    void writerReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("x", TensorData.f32(new float[] {1, 2}, 2)));
        SafetensorsWriter.write(file, Map.of("y", TensorData.f32(new float[] {3}, 1)));
        try (SafetensorsFile st = SafetensorsFile.open(file);
             Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("y"), List.copyOf(st.names()));
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writerRefusesReservedNameAndMismatchedShape() {
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("x"), Map.of("__metadata__", TensorData.f32(new float[1], 1))));
        assertThrows(IllegalArgumentException.class, () -> TensorData.f32(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new TensorData(DType.I64, new long[] {1}, new float[1]));
    }

    // ---- reading files not produced by our writer --------------------------------------------

    @Test
    void readsUnalignedTensorsAcrossChunkBoundaries() throws IOException {
        // A header of odd length and odd offsets, so elements straddle the 5-byte chunks.
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[1,7]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[7,23]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[23,27]},"
                + "\"__metadata__\":{}}";
        ByteBuffer data = ByteBuffer.allocate(27).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 0x55);
        data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001);
        data.putFloat(1.25f).putFloat(-3f).putFloat(1e30f).putFloat(Float.MIN_VALUE);
        data.putShort((short) 0x3F80).putShort((short) 0xFF80);
        Path file = rawFile("unaligned.safetensors", json, data.array());

        float[] h = {1f, -2f, 0x1p-24f};
        float[] f = {1.25f, -3f, 1e30f, Float.MIN_VALUE};
        float[] b = {1f, Float.NEGATIVE_INFINITY};
        for (int chunk : new int[] {5, 7, 8, 1 << 20}) {
            try (SafetensorsFile st = SafetensorsFile.open(file, chunk)) {
                assertArrayEquals(h, st.readFloats("h"), "chunk " + chunk);
                assertArrayEquals(f, st.readFloats("f"), "chunk " + chunk);
                assertArrayEquals(b, st.readFloats("b"), "chunk " + chunk);
                float[] part = new float[4];
                st.readFloats("f", 1, part, 1, 3);
                assertArrayEquals(new float[] {0f, -3f, 1e30f, Float.MIN_VALUE}, part);
            }
        }
    }

    @Test
    void rangedReadRejectsRangesOutsideTheTensor() throws IOException {
        Path file = dir.resolve("r.safetensors");
        SafetensorsWriter.write(file, Map.of("x", TensorData.f32(new float[] {1, 2, 3}, 3)));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThrows(IndexOutOfBoundsException.class, () -> st.readFloats("x", 2, new float[2], 0, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> st.readFloats("x", -1, new float[2], 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> st.readFloats("x", 0, new float[2], 1, 2));
        }
    }

    @Test
    void readFloatsRefusesIntegerTensorsAndUnknownNamesButListsThem() throws IOException {
        Path file = rawFile("ints.safetensors",
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[16]);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(DType.I64, st.info("ids").orElseThrow().dtype());
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> st.readFloats("ids"));
            assertMentions(e, file, "'ids'", "I64", "F32");
            e = assertThrows(SafetensorsFormatException.class, () -> st.readFloats("nope"));
            assertMentions(e, file, "'nope'", "no such tensor");
        }
    }

    @Test
    void closedFileCannotBeRead() throws IOException {
        Path file = dir.resolve("c.safetensors");
        SafetensorsWriter.write(file, Map.of("x", TensorData.f32(new float[] {1}, 1)));
        SafetensorsFile st = SafetensorsFile.open(file);
        st.close();
        assertThrows(IllegalStateException.class, () -> st.readFloats("x"));
    }

    // ---- half precision bit patterns ---------------------------------------------------------

    @Test
    void knownHalfBitPatterns() {
        assertHalf(0x3C00, 1f);
        assertHalf(0xC000, -2f);
        assertHalf(0x7BFF, 65504f);
        assertHalf(0x0001, 0x1p-24f);
        assertHalf(0x0400, 0x1p-14f);
        assertHalf(0x03FF, 1023 * 0x1p-24f);
        assertHalf(0x0000, 0f);
        assertHalf(0x8000, -0f);
        assertHalf(0x7C00, Float.POSITIVE_INFINITY);
        assertHalf(0xFC00, Float.NEGATIVE_INFINITY);
        assertTrue(Float.isNaN(Float16.toFloat((short) 0x7E00)));
        assertTrue(Float.isNaN(Float16.toFloat((short) 0x7C01)));
        assertEquals(0x7E00, Float16.fromFloat(Float.NaN) & 0xFFFF);
    }

    @Test
    void everyHalfConvertsExactlyAndBack() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short half = (short) bits;
            float f = Float16.toFloat(half);
            int exp = (bits >>> 10) & 0x1F;
            int mant = bits & 0x3FF;
            double magnitude = exp == 0 ? mant * 0x1p-24 : exp == 0x1F ? Double.NaN : (1024 + mant) * Math.scalb(1.0, exp - 25);
            if (exp == 0x1F) {
                assertEquals(mant == 0, Float.isInfinite(f), Integer.toHexString(bits));
                assertEquals(mant != 0, Float.isNaN(f), Integer.toHexString(bits));
                if (mant != 0) {
                    assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(f))), Integer.toHexString(bits));
                    continue;
                }
            } else {
                assertEquals((bits & 0x8000) != 0 ? -magnitude : magnitude, f, 0.0, Integer.toHexString(bits));
            }
            assertEquals(bits, Float16.fromFloat(f) & 0xFFFF, Integer.toHexString(bits));
        }
    }

    @Test
    void floatToHalfRoundsToNearestEven() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000_000; i++) {
            // Restrict the exponent to where halves live, so the sample is not all zeros and infinities.
            float v = Float.intBitsToFloat((random.nextInt() & 0x807FFFFF) | ((100 + random.nextInt(45)) << 23));
            assertNearestEven(v, Float16.fromFloat(v), Float16::toFloat);
        }
        for (int i = 0; i < 1_000_000; i++) {
            float v = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(v)) {
                assertNearestEven(v, BFloat16.fromFloat(v), BFloat16::toFloat);
            }
        }
    }

    // ---- refusals ----------------------------------------------------------------------------

    @Test
    void refusesTruncatedFile() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("first", TensorData.f32(new float[4], 4));
        tensors.put("last", TensorData.f32(new float[4], 4));
        SafetensorsWriter.write(file, tensors);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 6));
        assertMentions(refused(file), file, "'last'", "truncated", "6 bytes missing");
    }

    @Test
    void refusesHeaderLongerThanFile() throws IOException {
        Path file = dir.resolve("long.safetensors");
        ByteBuffer bytes = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(file, bytes.array());
        assertMentions(refused(file), file, "1000", "12 bytes", "20");
    }

    @Test
    void refusesHeaderOver100MB() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        Files.write(file, ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(200_000_000L).array());
        assertMentions(refused(file), file, "200000000", "100000000");

        // A length with the top bit set must not be taken for a negative, and hence small, number.
        Files.write(file, ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array());
        assertMentions(refused(file), file, "18446744073709551615", "100000000");
    }

    @Test
    void refusesFileShorterThanLengthField() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertMentions(refused(file), file, "3 bytes", "8-byte");
    }

    @Test
    void refusesMalformedJson() throws IOException {
        Path file = rawFile("bad.safetensors", "{\"w\": {\"dtype\": \"F32\", ", new byte[0]);
        assertMentions(refused(file), file, "not valid JSON");
        file = rawFile("single.safetensors", "{'w': {}}", new byte[0]);
        assertMentions(refused(file), file, "not valid JSON");
        file = rawFile("array.safetensors", "[1, 2]", new byte[0]);
        assertMentions(refused(file), file, "JSON object", "found a list");
        file = rawFile("trailing.safetensors", "{} {}", new byte[0]);
        assertMentions(refused(file), file, "more text after the JSON value", "line 1, column 4");
    }

    @Test
    void refusesInvalidUtf8() throws IOException {
        Path file = dir.resolve("utf8.safetensors");
        byte[] header = {'{', '"', (byte) 0xC3, '"', ':', '1', '}', ' '};
        Files.write(file, concat(lengthPrefix(header.length), header));
        assertMentions(refused(file), file, "UTF-8");
    }

    @Test
    void refusesMissingDataOffsets() throws IOException {
        Path file = rawFile("nooff.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]);
        assertMentions(refused(file), file, "'w'", "missing \"data_offsets\"");
    }

    @Test
    void refusesShapeSizeMismatch() throws IOException {
        Path file = rawFile("size.safetensors",
                "{\"w\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertMentions(refused(file), file, "'w'", "needs 12 bytes", "span 8 bytes");
    }

    @Test
    void refusesUnknownDtype() throws IOException {
        Path file = rawFile("dtype.safetensors",
                "{\"w\":{\"dtype\":\"F17\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        assertMentions(refused(file), file, "'w'", "unknown dtype \"F17\"", "BF16");
    }

    @Test
    void refusesOverlappingTensors() throws IOException {
        Path file = rawFile("overlap.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertMentions(refused(file), file, "'b'", "'a'", "overlap");
    }

    @Test
    void refusesWrongJsonTypesAndNegativeNumbers() throws IOException {
        assertMentions(refused(rawFile("t1.safetensors",
                "{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4])),
                null, "'w'", "dtype: expected a string, found number 4");
        assertMentions(refused(rawFile("t2.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}", new byte[4])),
                null, "'w'", "shape: expected an array", "found string");
        assertMentions(refused(rawFile("t3.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4])),
                null, "'w'", "shape", "negative -1");
        assertMentions(refused(rawFile("t4.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", new byte[4])),
                null, "'w'", "shape", "number 1.0");
        assertMentions(refused(rawFile("t5.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", new byte[8])),
                null, "'w'", "array of 2", "found 3 elements");
        assertMentions(refused(rawFile("t6.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", new byte[4])),
                null, "'w'", "end before they begin");
        assertMentions(refused(rawFile("t7.safetensors", "{\"w\":[1]}", new byte[0])),
                null, "'w'", "expected a JSON object", "array [1]");
        assertMentions(refused(rawFile("t8.safetensors", "{\"__metadata__\":{\"k\":1}}", new byte[0])),
                null, "__metadata__.k", "expected a string", "number 1");
        assertMentions(refused(rawFile("t9.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", new byte[4])),
                null, "'w'", "2^63");
    }

    @Test
    void refusesDuplicateTensorNames() throws IOException {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        Path file = rawFile("dup.safetensors", "{\"w\":" + entry + ",\"w\":" + entry + "}", new byte[4]);
        assertMentions(refused(file), file, "\"w\"", "twice", "line 1, column 55");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void assertHalf(int bits, float value) {
        assertEquals(value, Float16.toFloat((short) bits), 0.0f, Integer.toHexString(bits));
        assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(Float16.toFloat((short) bits)));
        assertEquals(bits, Float16.fromFloat(value) & 0xFFFF, "fromFloat(" + value + ")");
    }

    private interface ShortToFloat {
        float apply(short s);
    }

    /** The rounded value must be at least as close as both neighbours, and even on a tie. */
    private static void assertNearestEven(float v, short rounded, ShortToFloat toFloat) {
        double r = toFloat.apply(rounded);
        String what = v + " -> 0x" + Integer.toHexString(rounded & 0xFFFF);
        assertFalse(Double.isNaN(r), what);
        if (Double.isInfinite(r)) {
            // Infinity is right only when v lies at or past the midpoint above the largest finite value.
            double largest = Math.abs((double) toFloat.apply((short) ((rounded & 0x8000) | ((rounded & 0x7FFF) - 1))));
            double ulp = largest - Math.abs((double) toFloat.apply((short) ((rounded & 0x8000) | ((rounded & 0x7FFF) - 2))));
            assertTrue(Math.abs((double) v) >= largest + ulp / 2, what);
            return;
        }
        double error = Math.abs(r - v);
        for (int delta : new int[] {-1, 1}) {
            int magnitude = (rounded & 0x7FFF) + delta;
            if (magnitude < 0) {
                continue;
            }
            double neighbour = toFloat.apply((short) ((rounded & 0x8000) | magnitude));
            if (Double.isInfinite(neighbour) && Math.abs(r) > 0) {
                continue;
            }
            double other = Math.abs(neighbour - v);
            assertTrue(error <= other, what);
            if (error == other) {
                assertEquals(0, rounded & 1, "tie must round to even: " + what);
            }
        }
        if (rounded == 0 || rounded == (short) 0x8000) {
            assertEquals(Math.copySign(1.0, v), Math.copySign(1.0, r), "zero keeps its sign: " + what);
        }
    }

    private Path rawFile(String name, String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(name);
        Files.write(file, concat(concat(lengthPrefix(header.length), header), data));
        return file;
    }

    private static byte[] lengthPrefix(long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static SafetensorsFormatException refused(Path file) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "message should name the file: " + e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    /** @param file null when {@link #refused} already checked it */
    private static void assertMentions(Exception e, Path file, String... parts) {
        String message = e.getMessage();
        if (file != null) {
            assertTrue(message.contains(file.toString()), "should name " + file + ": " + message);
        }
        for (String part : parts) {
            assertTrue(message.contains(part), "should mention \"" + part + "\": " + message);
        }
    }
}
