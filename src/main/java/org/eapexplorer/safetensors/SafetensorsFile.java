package org.eapexplorer.safetensors;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only view of a safetensors file. The format is plain JSON plus raw little-endian arrays, so
 * unlike pickle-based checkpoints nothing in the file is ever executed; the header is fully
 * validated in {@link #open} and reads afterwards cannot fail on the file's account.
 *
 * <p>The data section is memory-mapped in chunks because a single mapping is limited to 2 GiB.
 * Reads are safe from several threads at once. Java 17 cannot unmap explicitly: {@link #close}
 * makes the object unusable and the mapping goes away once it is garbage collected.
 */
public final class SafetensorsFile implements AutoCloseable {

    static final int DEFAULT_CHUNK_BYTES = 1 << 30;

    /**
     * Each chunk maps this many bytes beyond its nominal end, so that an element that starts in a
     * chunk always ends in it too, whatever the alignment of the tensor's offsets.
     */
    private static final int CHUNK_OVERLAP = 8;

    private final Path path;
    private final SafetensorsHeader header;
    private final int chunkBytes;
    private final long dataStart;
    private volatile MappedByteBuffer[] chunks;

    private SafetensorsFile(Path path, SafetensorsHeader header, int chunkBytes, long dataStart, MappedByteBuffer[] chunks) {
        this.path = path;
        this.header = header;
        this.chunkBytes = chunkBytes;
        this.dataStart = dataStart;
        this.chunks = chunks;
    }

    public static SafetensorsFile open(Path file) throws IOException {
        return open(file, DEFAULT_CHUNK_BYTES);
    }

    /** Small chunk sizes let tests exercise the chunk boundaries without multi-GiB files. */
    static SafetensorsFile open(Path file, int chunkBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        if (chunkBytes <= 0 || chunkBytes > Integer.MAX_VALUE - CHUNK_OVERLAP) {
            throw new IllegalArgumentException("chunk size " + chunkBytes);
        }
        String problem = Files.exists(file) ? org.eapexplorer.io.RegularFiles.problem(file) : null;
        if (problem != null) {
            throw new SafetensorsFormatException(file, problem);  // never opened: a FIFO would wait for a writer for ever
        }
        // The channel is only needed to map; mappings stay valid after it is closed.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new SafetensorsFormatException(file, "file is " + fileSize
                        + " bytes, shorter than the 8-byte header length that starts every safetensors file");
            }
            long headerLength = readLittleEndianLong(channel, 0);
            long available = fileSize - 8;
            if (Long.compareUnsigned(headerLength, SafetensorsHeader.MAX_HEADER_BYTES) > 0) {
                throw new SafetensorsFormatException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " bytes exceeds the limit of " + SafetensorsHeader.MAX_HEADER_BYTES
                        + " bytes (file size " + fileSize + " bytes); not a safetensors file or a corrupt one");
            }
            if (headerLength > available) {
                throw new SafetensorsFormatException(file, "header length " + headerLength
                        + " bytes exceeds the " + available + " bytes that follow the length field (file size "
                        + fileSize + " bytes); the file is truncated or not a safetensors file");
            }
            ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength);
            long dataStart = 8 + headerLength;
            long dataBytes = fileSize - dataStart;
            SafetensorsHeader header = SafetensorsHeader.parse(file, headerBytes, dataBytes, fileSize);
            return new SafetensorsFile(file, header, chunkBytes, dataStart, map(channel, dataStart, dataBytes, chunkBytes));
        }
    }

    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return header.tensors().keySet();
    }

    public Optional<TensorInfo> info(String name) {
        return Optional.ofNullable(header.tensors().get(name));
    }

    /** The header's {@code __metadata__} strings; empty when the file has none. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * The whole tensor as floats in row-major order, converted exactly from F32, F16 or BF16.
     *
     * @throws SafetensorsFormatException when the file has no such tensor, its dtype is not a float
     *                                    type, or it has too many elements for one Java array
     */
    public float[] readFloats(String name) throws SafetensorsFormatException {
        TensorInfo t = floatTensor(name);
        long numel = t.numel();
        // The JVM's array limit is a little below Integer.MAX_VALUE.
        if (numel > Integer.MAX_VALUE - 8) {
            throw new SafetensorsFormatException(path, name, "has " + numel
                    + " elements, more than one Java array holds; read it in ranges instead");
        }
        float[] values = new float[(int) numel];
        readFloats(name, 0, values, 0, values.length);
        return values;
    }

    /**
     * Elements {@code [fromElement, fromElement + count)} of the flattened tensor, converted to
     * float, into {@code dst[dstOffset..]}. Lets callers stream tensors too large for one array.
     */
    public void readFloats(String name, long fromElement, float[] dst, int dstOffset, int count)
            throws SafetensorsFormatException {
        TensorInfo t = floatTensor(name);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        if (fromElement < 0 || fromElement > t.numel() - count) {
            throw new IndexOutOfBoundsException("elements [" + fromElement + ", " + (fromElement + count)
                    + ") of tensor '" + name + "' with " + t.numel() + " elements");
        }
        MappedByteBuffer[] mapped = mapped();
        int elementBytes = t.dtype().byteSize();
        long position = t.begin() + fromElement * elementBytes;
        int done = 0;
        while (done < count) {
            int chunk = (int) (position / chunkBytes);
            // duplicate() gives this call its own position, which keeps concurrent reads apart.
            ByteBuffer buffer = mapped[chunk].duplicate().order(ByteOrder.LITTLE_ENDIAN);
            buffer.position((int) (position - (long) chunk * chunkBytes));
            int n = Math.min(count - done, buffer.remaining() / elementBytes);
            decode(t.dtype(), buffer, dst, dstOffset + done, n);
            done += n;
            position += (long) n * elementBytes;
        }
    }

    /** Where {@link #readStored} hands each piece of a tensor. */
    @FunctionalInterface
    public interface StoredPiece {
        /**
         * @param bytes        the piece, little-endian as stored, from position 0 to its limit (a whole number of elements)
         * @param firstElement the index in the flattened tensor of the piece's first element
         */
        void accept(ByteBuffer bytes, long firstElement) throws IOException;
    }

    /**
     * The tensor's bytes as stored, handed on in pieces of at most {@code buffer}'s capacity, each read into
     * {@code buffer} from position 0. They are read through the file, not the mapping: a mapping's pages would count in
     * the process's memory until it is collected, a whole checkpoint beside the engine's own copy of it.
     */
    public void readStored(String name, ByteBuffer buffer, StoredPiece sink) throws IOException {
        TensorInfo t = floatTensor(name);
        int elementBytes = t.dtype().byteSize();
        int perPiece = buffer.capacity() / elementBytes;
        if (perPiece == 0) {
            throw new IllegalArgumentException("a buffer of " + buffer.capacity() + " bytes holds no " + t.dtype() + " element");
        }
        mapped();   // refuses a closed file, as the other reads do
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long numel = t.numel();
            for (long first = 0; first < numel; first += perPiece) {
                int n = (int) Math.min(perPiece, numel - first);
                buffer.clear().limit(n * elementBytes);
                long position = dataStart + t.begin() + first * elementBytes;
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new EOFException(path + ": file shrank while tensor '" + name + "' was read");
                    }
                }
                buffer.flip();
                sink.accept(buffer.order(ByteOrder.LITTLE_ENDIAN), first);
            }
        }
    }

    @Override
    public void close() {
        chunks = null;
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + names().size() + " tensors]";
    }

    private TensorInfo floatTensor(String name) throws SafetensorsFormatException {
        TensorInfo t = header.tensors().get(name);
        if (t == null) {
            throw new SafetensorsFormatException(path, name, "no such tensor; the file has "
                    + names().size() + " tensors");
        }
        if (!t.dtype().isReadableAsFloat()) {
            throw new SafetensorsFormatException(path, name,
                    "expected dtype F32, F16 or BF16 to read as floats, found " + t.dtype());
        }
        return t;
    }

    private MappedByteBuffer[] mapped() {
        MappedByteBuffer[] mapped = chunks;
        if (mapped == null) {
            throw new IllegalStateException(path + " is closed");
        }
        return mapped;
    }

    private static void decode(DType dtype, ByteBuffer src, float[] dst, int offset, int n) {
        switch (dtype) {
            case F32 -> src.asFloatBuffer().get(dst, offset, n);
            case F16 -> {
                ShortBuffer halves = src.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = Float16.toFloat(halves.get(i));
                }
            }
            case BF16 -> {
                ShortBuffer halves = src.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = BFloat16.toFloat(halves.get(i));
                }
            }
            default -> throw new IllegalArgumentException(dtype.name());
        }
    }

    private static MappedByteBuffer[] map(FileChannel channel, long dataStart, long dataBytes, int chunkBytes)
            throws IOException {
        int count = (int) ((dataBytes + chunkBytes - 1) / chunkBytes);
        MappedByteBuffer[] chunks = new MappedByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long offset = (long) i * chunkBytes;
            long size = Math.min((long) chunkBytes + CHUNK_OVERLAP, dataBytes - offset);
            chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + offset, size);
        }
        return chunks;
    }

    private static long readLittleEndianLong(FileChannel channel, long position) throws IOException {
        return readFully(channel, position, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new EOFException("file shrank while being read");
            }
        }
        return buffer.flip();
    }
}
