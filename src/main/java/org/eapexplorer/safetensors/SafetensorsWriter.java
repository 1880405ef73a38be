package org.eapexplorer.safetensors;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eapexplorer.io.AtomicFiles;

/**
 * Writes F32, F16 and BF16 tensors as a safetensors file that {@link SafetensorsFile} and the
 * Python/Rust reference implementation both read.
 *
 * <p>The file is written next to its destination and renamed into place, so a crash or a
 * concurrent reader never sees a half-written model, and an existing file is replaced whole.
 */
public final class SafetensorsWriter {

    private static final int BUFFER_BYTES = 1 << 20;
    /** Values asked of a {@link StreamedTensor} at a time. */
    private static final int VALUES_PER_STEP = 1 << 16;

    private SafetensorsWriter() {
    }

    /** Tensors are laid out in the map's iteration order; pass a LinkedHashMap to control it. */
    public static void write(Path file, Map<String, TensorData> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        List<StreamedTensor> streamed = new ArrayList<>(tensors.size());
        tensors.forEach((name, data) -> streamed.add(StreamedTensor.of(name, data)));
        write(file, streamed, metadata);
    }

    /**
     * Tensors in list order, each one's values asked for while it is written: memory stays at one buffer
     * whatever the size of the model.
     */
    public static void write(Path file, List<StreamedTensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(file, tensors, metadata);
        Path target = file.toAbsolutePath();
        // AtomicFiles' temporary: one that a killed run leaves behind (500 MB for GPT-2) is removed by a later write.
        Path temp = AtomicFiles.createTemporary(target);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeTo(channel, header, tensors);
            } catch (SafetensorsFormatException e) {
                throw e;
            } catch (IOException e) {
                // The operating system's "No space left on device" names no file.
                throw org.eapexplorer.io.FileErrors.writing(target, e);
            }
            AtomicFiles.moveIntoPlace(temp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void writeTo(FileChannel channel, byte[] header, List<StreamedTensor> tensors) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length);
        writeAll(channel, buffer.flip());
        writeAll(channel, ByteBuffer.wrap(header));
        buffer.clear();
        float[] values = new float[VALUES_PER_STEP];
        for (StreamedTensor t : tensors) {
            writeValues(channel, buffer, values, t);
        }
        writeAll(channel, buffer.flip());
        // Without this the rename could reach the disk before the data does.
        channel.force(true);
    }

    private static byte[] header(Path file, List<StreamedTensor> tensors, Map<String, String> metadata)
            throws SafetensorsFormatException {
        JsonObject root = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach((k, v) -> meta.addProperty(k, Objects.requireNonNull(v, k)));
            root.add(SafetensorsHeader.METADATA_KEY, meta);
        }
        long offset = 0;
        for (StreamedTensor t : tensors) {
            String name = t.name();
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException(name + " is reserved for metadata, not a tensor name");
            }
            if (root.has(name)) {
                throw new IllegalArgumentException("tensor " + name + " is listed twice");
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += t.byteLength();
            offsets.add(offset);
            entry.add("data_offsets", offsets);
            root.add(name, entry);
        }
        byte[] json = new GsonBuilder().disableHtmlEscaping().create().toJson(root).getBytes(StandardCharsets.UTF_8);
        // Padding to 8 keeps the data section 8-byte aligned, which readers that map the file and
        // view it as typed arrays (numpy, torch) rely on.
        int padded = (json.length + 7) & ~7;
        if (padded > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(file, "header would be " + padded
                    + " bytes, more than readers accept (" + SafetensorsHeader.MAX_HEADER_BYTES + ")");
        }
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeValues(FileChannel channel, ByteBuffer buffer, float[] values, StreamedTensor t)
            throws IOException {
        long left = t.numel();
        while (left > 0) {
            int n = (int) Math.min(left, values.length);
            t.values().next(values, n);
            left -= n;
            for (int i = 0; i < n; i++) {
                if (buffer.remaining() < 4) {
                    writeAll(channel, buffer.flip());
                    buffer.clear();
                }
                float v = values[i];
                switch (t.dtype()) {
                    case F32 -> buffer.putFloat(v);
                    case F16 -> buffer.putShort(Float16.fromFloat(v));
                    case BF16 -> buffer.putShort(BFloat16.fromFloat(v));
                    default -> throw new IllegalStateException(t.dtype().name());
                }
            }
        }
    }

    private static void writeAll(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
