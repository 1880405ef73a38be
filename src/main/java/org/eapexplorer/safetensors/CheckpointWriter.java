package org.eapexplorer.safetensors;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eapexplorer.io.AtomicFiles;

/**
 * Writes a model directory's weights as Hugging Face's {@code save_pretrained} does: one
 * {@code model.safetensors}, or, when the tensors together exceed the shard size, shards
 * {@code model-00001-of-0000N.safetensors} filled in tensor order (a tensor larger than the shard size gets a
 * shard of its own) and {@code model.safetensors.index.json} mapping each tensor to its shard, with the
 * tensors' total byte size and the keys sorted. {@link SafetensorsCheckpoint} reads either back.
 */
public final class CheckpointWriter {

    private CheckpointWriter() {
    }

    /**
     * @param maxShardBytes the most tensor bytes a shard holds (Hugging Face's {@code max_shard_size})
     * @return the safetensors files written, in order
     */
    public static List<Path> write(Path directory, List<StreamedTensor> tensors, Map<String, String> metadata,
            long maxShardBytes) throws IOException {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("shard size " + maxShardBytes + " bytes");
        }
        Files.createDirectories(directory);
        List<List<StreamedTensor>> shards = split(tensors, maxShardBytes);
        Path single = directory.resolve(SafetensorsCheckpoint.SINGLE_FILE);
        Path index = directory.resolve(SafetensorsCheckpoint.INDEX_FILE);
        if (shards.size() <= 1) {
            SafetensorsWriter.write(single, tensors, metadata);
            // A stale index beside the new file would not be read (the single file wins) but would mislead a reader.
            Files.deleteIfExists(index);
            return List.of(single);
        }
        List<Path> files = new ArrayList<>();
        Map<String, String> weightMap = new TreeMap<>();
        long totalBytes = 0;
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafetensorsWriter.write(directory.resolve(name), shards.get(i), metadata);
            files.add(directory.resolve(name));
            for (StreamedTensor t : shards.get(i)) {
                weightMap.put(t.name(), name);
                totalBytes += t.byteLength();
            }
        }
        JsonObject meta = new JsonObject();
        meta.addProperty("total_size", totalBytes);
        JsonObject map = new JsonObject();
        weightMap.forEach(map::addProperty);
        JsonObject root = new JsonObject();
        root.add("metadata", meta);
        root.add("weight_map", map);
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
        AtomicFiles.writeText(index, w -> w.write(json));
        // A model.safetensors left from an earlier write would win over the new shards.
        Files.deleteIfExists(single);
        return files;
    }

    private static List<List<StreamedTensor>> split(List<StreamedTensor> tensors, long maxShardBytes) {
        List<List<StreamedTensor>> shards = new ArrayList<>();
        List<StreamedTensor> current = new ArrayList<>();
        long bytes = 0;
        for (StreamedTensor t : tensors) {
            if (!current.isEmpty() && bytes + t.byteLength() > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(t);
            bytes += t.byteLength();
        }
        if (!current.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }
}
