package org.eapexplorer.safetensors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.io.RegularFiles;

/**
 * The weights of a Hugging Face model directory: {@code model.safetensors}, or the shards that
 * {@code model.safetensors.index.json} lists (large models are saved as several files of a few GB each,
 * {@code {"metadata": {...}, "weight_map": {tensor: shard file}}}). Every shard is memory-mapped through
 * {@link SafetensorsFile}, and the tensors are read by name as from one file.
 *
 * <p>The index and the shards' headers are checked against each other when opened, so that a bad
 * checkpoint is refused before any weight is read, with the file at fault named: a shard listed but
 * missing, a tensor the index puts in a shard that does not hold it, a shard holding a tensor the index
 * does not list, a tensor in two shards, a shard named outside the directory. As Hugging Face does,
 * {@code model.safetensors} wins when both are present. Reads are safe from several threads at once.
 */
public final class SafetensorsCheckpoint implements AutoCloseable {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";
    static final String PICKLE_FILE = "pytorch_model.bin";
    static final String PICKLE_INDEX_FILE = "pytorch_model.bin.index.json";

    private final Path directory;
    private final String description;
    private final List<SafetensorsFile> files;
    /** Tensor name → the file that holds it, in index (or header) order. */
    private final Map<String, SafetensorsFile> fileOf;

    private SafetensorsCheckpoint(Path directory, String description, List<SafetensorsFile> files,
            Map<String, SafetensorsFile> fileOf) {
        this.directory = directory;
        this.description = description;
        this.files = files;
        this.fileOf = fileOf;
    }

    /**
     * Opens the weights in {@code directory}.
     *
     * @throws SafetensorsFormatException naming the file at fault when there are no safetensors weights, the
     *                                    index is malformed, or index and shards disagree
     */
    public static SafetensorsCheckpoint open(Path directory) throws IOException {
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.exists(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            for (String name : file.names()) {
                fileOf.put(name, file);
            }
            return new SafetensorsCheckpoint(directory, single.toString(), List.of(file), fileOf);
        }
        Path index = directory.resolve(INDEX_FILE);
        if (Files.exists(index)) {
            return openSharded(directory, index);
        }
        String pickle = Files.exists(directory.resolve(PICKLE_FILE)) ? PICKLE_FILE
                : Files.exists(directory.resolve(PICKLE_INDEX_FILE)) ? PICKLE_INDEX_FILE : null;
        String hint = pickle == null ? ""
                : " (" + pickle + " is a pickle and is never read: convert it to safetensors)";
        throw new SafetensorsFormatException(single, "not found, nor " + INDEX_FILE + hint);
    }

    /**
     * The files that hold {@code directory}'s weights, without opening them: {@code model.safetensors}, or the index and
     * the shards it lists (in file-name order); empty when there are neither. For what identifies a model (the patching
     * cache's key, the score file's hash), not for reading it.
     *
     * @throws IOException naming the index when it cannot be read or lists a shard outside the directory or missing
     */
    public static List<Path> weightFiles(Path directory) throws IOException {
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.exists(single)) {
            RegularFiles.require(single);
            return List.of(single);
        }
        Path index = directory.resolve(INDEX_FILE);
        if (!Files.exists(index)) {
            return List.of();
        }
        java.util.TreeSet<Path> shards = new java.util.TreeSet<>();
        for (Map.Entry<String, String> e : readWeightMap(index).entrySet()) {
            shards.add(shardPath(directory, index, e.getKey(), e.getValue()));
        }
        List<Path> files = new ArrayList<>();
        files.add(index);
        files.addAll(shards);
        return List.copyOf(files);
    }

    /** Whether {@code directory} has safetensors weights, one file or an index (whose shards are checked on opening). */
    public static boolean hasWeights(Path directory) {
        return Files.isRegularFile(directory.resolve(SINGLE_FILE)) || Files.isRegularFile(directory.resolve(INDEX_FILE));
    }

    /** The model directory. */
    public Path directory() {
        return directory;
    }

    /** Tensor names, in the index's order (or the single file's header order). */
    public Set<String> names() {
        return Collections.unmodifiableSet(fileOf.keySet());
    }

    public Optional<TensorInfo> info(String name) {
        SafetensorsFile file = fileOf.get(name);
        return file == null ? Optional.empty() : file.info(name);
    }

    /** The file holding {@code name} (a shard, or model.safetensors), for messages. */
    public Optional<Path> path(String name) {
        SafetensorsFile file = fileOf.get(name);
        return file == null ? Optional.empty() : Optional.of(file.path());
    }

    /** See {@link SafetensorsFile#readFloats(String)}; the message of a failure names the shard. */
    public float[] readFloats(String name) throws SafetensorsFormatException {
        return fileFor(name).readFloats(name);
    }

    /** See {@link SafetensorsFile#readFloats(String, long, float[], int, int)}. */
    public void readFloats(String name, long fromElement, float[] dst, int dstOffset, int count)
            throws SafetensorsFormatException {
        fileFor(name).readFloats(name, fromElement, dst, dstOffset, count);
    }

    /** See {@link SafetensorsFile#readStored}. */
    public void readStored(String name, java.nio.ByteBuffer buffer, SafetensorsFile.StoredPiece sink) throws java.io.IOException {
        fileFor(name).readStored(name, buffer, sink);
    }

    /** The files opened, in file-name order: one for a single-file checkpoint. */
    public List<Path> files() {
        return files.stream().map(SafetensorsFile::path).toList();
    }

    /** "…/model.safetensors", or "…/model.safetensors.index.json (3 shards)": what messages call the weights. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }

    @Override
    public String toString() {
        return "SafetensorsCheckpoint[" + description + ", " + fileOf.size() + " tensors]";
    }

    private SafetensorsFile fileFor(String name) throws SafetensorsFormatException {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) {
            throw new SafetensorsFormatException(Path.of(description), name, "no such tensor; the checkpoint has "
                    + fileOf.size() + " tensors");
        }
        return file;
    }

    private static SafetensorsCheckpoint openSharded(Path directory, Path index) throws IOException {
        Map<String, String> weightMap = readWeightMap(index);
        // Shards in order of first mention, each opened once however many tensors it holds.
        // Keyed by the file, not the name: "x", "./x" and "sub/../x" are one shard, as transformers reads them (it joins
        // each name to the folder and loads the file).
        Map<Path, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                Path file = shardPath(directory, index, e.getKey(), e.getValue());
                SafetensorsFile shard = shards.get(file);
                if (shard == null) {
                    shard = SafetensorsFile.open(file);
                    shards.put(file, shard);
                }
                if (shard.info(e.getKey()).isEmpty()) {
                    throw new SafetensorsFormatException(index, e.getKey(), "listed in " + e.getValue()
                            + ", which has no such tensor (" + shard.names().size() + " tensors)");
                }
                fileOf.put(e.getKey(), shard);
            }
            checkNoStrayTensors(index, shards, fileOf);
        } catch (IOException | RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        // Shard order is file-name order (model-00001-of-…, model-00002-of-…), whatever order the map mentions them in.
        List<SafetensorsFile> files = new ArrayList<>(new java.util.TreeMap<>(shards).values());
        return new SafetensorsCheckpoint(directory, index + " (" + files.size() + " shard"
                + (files.size() == 1 ? "" : "s") + ")", List.copyOf(files), fileOf);
    }

    /**
     * A tensor in a shard the index does not send it to: in two shards, or in one the index does not list for it.
     * Either way index and shards disagree about the model, and reading only what the index lists would hide it.
     */
    private static void checkNoStrayTensors(Path index, Map<Path, SafetensorsFile> shards,
            Map<String, SafetensorsFile> fileOf) throws SafetensorsFormatException {
        for (Map.Entry<Path, SafetensorsFile> shard : shards.entrySet()) {
            for (String name : shard.getValue().names()) {
                SafetensorsFile listed = fileOf.get(name);
                if (listed == null) {
                    throw new SafetensorsFormatException(index, name, "found in " + shard.getKey().getFileName()
                            + " but missing from the weight_map");
                }
                if (listed != shard.getValue()) {
                    throw new SafetensorsFormatException(index, name, "is in two shards, "
                            + listed.path().getFileName() + " (where the weight_map puts it) and " + shard.getKey().getFileName());
                }
            }
        }
    }

    private static Map<String, String> readWeightMap(Path index) throws IOException {
        JsonObject root = JsonFiles.readObject(index, "safetensors index",
                "with a \"weight_map\" from tensor name to shard file");
        JsonElement map = root.get("weight_map");
        if (map == null || !map.isJsonObject()) {
            throw new SafetensorsFormatException(index, "expected a \"weight_map\" object from tensor name to shard file, found "
                    + (map == null ? "none" : JsonFiles.kindOf(map)));
        }
        if (map.getAsJsonObject().size() == 0) {
            throw new SafetensorsFormatException(index, "the weight_map is empty");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : map.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new SafetensorsFormatException(index, e.getKey(), "the weight_map must give a shard file name, found "
                        + JsonFiles.kindOf(v));
            }
            weightMap.put(e.getKey(), v.getAsString());
        }
        return weightMap;
    }

    /** The shard's file, which must lie in the model directory: an index is data, and may not point elsewhere. */
    private static Path shardPath(Path directory, Path index, String tensor, String shard) throws IOException {
        Path base = directory.toAbsolutePath().normalize();
        Path file;
        boolean absolute;
        try {
            absolute = Path.of(shard).isAbsolute();
            file = base.resolve(shard).normalize();
        } catch (InvalidPathException e) {
            throw new SafetensorsFormatException(index, tensor, "shard file name \"" + shard + "\" is not a valid path");
        }
        if (shard.isEmpty() || absolute || !file.startsWith(base) || file.equals(base)) {
            throw new SafetensorsFormatException(index, tensor, "shard \"" + shard
                    + "\" is not a file inside the model directory " + directory);
        }
        if (!Files.exists(file)) {
            throw new SafetensorsFormatException(index, tensor, "listed in shard " + shard + ", but " + file
                    + " does not exist");
        }
        String problem = RegularFiles.problem(file);
        if (problem != null) {
            // Never opened: a FIFO would wait for a writer for ever, /dev/zero never end.
            throw new SafetensorsFormatException(index, tensor, "listed in shard " + shard + ", but " + file + " is " + problem);
        }
        return file;
    }
}
