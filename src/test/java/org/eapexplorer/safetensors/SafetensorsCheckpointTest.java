package org.eapexplorer.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCheckpointTest {

    @TempDir
    Path dir;

    private static final float[] A = {1f, 2f, 3f, 4f, 5f, 6f};
    private static final float[] B = {-1f, 0.5f};
    private static final float[] C = {7f, 8f, 9f};

    private void writeShards() throws IOException {
        Map<String, TensorData> first = new LinkedHashMap<>();
        first.put("a", TensorData.f32(A, 2, 3));
        first.put("b", TensorData.bf16(B, 2));
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), first);
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), Map.of("c", TensorData.f16(C, 3)));
    }

    private void writeIndex(String weightMap) throws IOException {
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE),
                "{\"metadata\": {\"total_size\": 34}, \"weight_map\": " + weightMap + "}");
    }

    private static final String GOOD_MAP = "{\"a\": \"model-00001-of-00002.safetensors\", "
            + "\"c\": \"model-00002-of-00002.safetensors\", \"b\": \"model-00001-of-00002.safetensors\"}";

    @Test
    void readsShardsListedByTheIndexAsOneCheckpoint() throws IOException {
        writeShards();
        writeIndex(GOOD_MAP);
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir)) {
            assertEquals(List.of("a", "c", "b"), List.copyOf(ckpt.names()));
            assertArrayEquals(A, ckpt.readFloats("a"));
            assertArrayEquals(B, ckpt.readFloats("b"));
            assertArrayEquals(C, ckpt.readFloats("c"));
            assertEquals(DType.F16, ckpt.info("c").orElseThrow().dtype());
            assertArrayEquals(new long[] {2, 3}, ckpt.info("a").orElseThrow().shape());
            assertEquals(dir.toAbsolutePath().resolve("model-00002-of-00002.safetensors"), ckpt.path("c").orElseThrow());
            assertEquals(2, ckpt.files().size());
            assertTrue(ckpt.description().endsWith(SafetensorsCheckpoint.INDEX_FILE + " (2 shards)"), ckpt.description());
            float[] part = new float[2];
            ckpt.readFloats("a", 3, part, 0, 2);
            assertArrayEquals(new float[] {4f, 5f}, part);
            assertTrue(ckpt.info("missing").isEmpty());
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> ckpt.readFloats("missing"));
            assertTrue(e.getMessage().contains("'missing': no such tensor"), e.getMessage());
        }
    }

    @Test
    void aSingleFileIsReadAsItIsAndWinsOverAnIndex() throws IOException {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("a", TensorData.f32(A, 6)));
        writeIndex("{\"zzz\": \"nowhere.safetensors\"}");
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir)) {
            assertEquals(List.of("a"), List.copyOf(ckpt.names()));
            assertArrayEquals(A, ckpt.readFloats("a"));
            assertEquals(dir.resolve("model.safetensors"), ckpt.path("a").orElseThrow());
            assertEquals(dir.resolve("model.safetensors").toString(), ckpt.description());
        }
    }

    @Test
    void anIndexThatIsNotJsonIsRefusedNamingIt() throws IOException {
        writeShards();
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE), "{\"weight_map\": {\"a\": ");
        IOException e = assertThrows(IOException.class, () -> SafetensorsCheckpoint.open(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(SafetensorsCheckpoint.INDEX_FILE).toString()), e.getMessage());
    }

    @Test
    void anIndexWithoutAWeightMapIsRefused() throws IOException {
        writeShards();
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE), "{\"metadata\": {}}");
        assertMessage("expected a \"weight_map\" object from tensor name to shard file, found none");
        writeIndex("{\"a\": 3}");
        assertMessage("tensor 'a': the weight_map must give a shard file name, found a number");
    }

    @Test
    void aMissingShardIsNamed() throws IOException {
        writeShards();
        writeIndex(GOOD_MAP.replace("model-00002-of-00002", "model-00002-of-00003"));
        assertMessage("tensor 'c': listed in shard model-00002-of-00003.safetensors, but "
                + dir.toAbsolutePath().resolve("model-00002-of-00003.safetensors") + " does not exist");
    }

    @Test
    void aTensorTheIndexPutsInAShardThatLacksItIsNamed() throws IOException {
        writeShards();
        writeIndex(GOOD_MAP.replace("\"c\": \"model-00002", "\"c\": \"model-00001"));
        assertMessage("tensor 'c': listed in model-00001-of-00002.safetensors, which has no such tensor (2 tensors)");
    }

    @Test
    void aTensorInTwoShardsIsRefused() throws IOException {
        writeShards();
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"),
                Map.of("c", TensorData.f16(C, 3), "a", TensorData.f32(A, 6)));
        writeIndex(GOOD_MAP);
        assertMessage("tensor 'a': is in two shards, model-00001-of-00002.safetensors (where the weight_map puts it) "
                + "and model-00002-of-00002.safetensors");
    }

    @Test
    void aTensorMissingFromTheWeightMapIsRefused() throws IOException {
        writeShards();
        writeIndex("{\"a\": \"model-00001-of-00002.safetensors\", \"c\": \"model-00002-of-00002.safetensors\"}");
        assertMessage("tensor 'b': found in model-00001-of-00002.safetensors but missing from the weight_map");
    }

    @Test
    void aShardOutsideTheDirectoryIsRefusedBeforeItIsOpened() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        SafetensorsWriter.write(dir.resolve("x.safetensors"), Map.of("a", TensorData.f32(A, 6)));
        for (String shard : List.of("../x.safetensors", dir.resolve("x.safetensors").toString(), "sub/../../x.safetensors", ".")) {
            Files.writeString(model.resolve(SafetensorsCheckpoint.INDEX_FILE),
                    "{\"weight_map\": {\"a\": \"" + shard.replace("\\", "\\\\") + "\"}}");
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsCheckpoint.open(model));
            assertEquals(model.resolve(SafetensorsCheckpoint.INDEX_FILE) + ": tensor 'a': shard \"" + shard
                    + "\" is not a file inside the model directory " + model, e.getMessage());
        }
    }

    @Test
    void aDirectoryWithoutSafetensorsWeightsSaysWhatWasLookedFor() throws IOException {
        assertWholeMessage(dir.resolve("model.safetensors") + ": not found, nor model.safetensors.index.json");
        Files.writeString(dir.resolve("pytorch_model.bin.index.json"), "{}");
        assertWholeMessage(dir.resolve("model.safetensors") + ": not found, nor model.safetensors.index.json "
                + "(pytorch_model.bin.index.json is a pickle and is never read: convert it to safetensors)");
        Files.writeString(dir.resolve("pytorch_model.bin"), "");
        assertWholeMessage(dir.resolve("model.safetensors") + ": not found, nor model.safetensors.index.json "
                + "(pytorch_model.bin is a pickle and is never read: convert it to safetensors)");
    }

    private void assertMessage(String expected) {
        assertWholeMessage(dir.resolve(SafetensorsCheckpoint.INDEX_FILE) + ": " + expected);
    }

    private void assertWholeMessage(String expected) {
        IOException e = assertThrows(IOException.class, () -> SafetensorsCheckpoint.open(dir));
        assertEquals(expected, e.getMessage());
    }
}
