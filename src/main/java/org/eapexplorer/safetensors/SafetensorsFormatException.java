package org.eapexplorer.safetensors;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that cannot be trusted or does not hold what the caller asked for. The message
 * always starts with the file and, where one is involved, the tensor, so that a user looking at a
 * single line of output knows which of several model files to fix.
 */
public class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    // Path is not Serializable; the message keeps the file name for a deserialized copy.
    private final transient Path file;
    private final String tensor;

    public SafetensorsFormatException(Path file, String problem) {
        this(file, null, problem);
    }

    public SafetensorsFormatException(Path file, String tensor, String problem) {
        super(file + (tensor == null ? "" : ": tensor '" + tensor + "'") + ": " + problem);
        this.file = file;
        this.tensor = tensor;
    }

    public Path file() {
        return file;
    }

    /** The tensor the problem concerns, or null when it concerns the file as a whole. */
    public String tensor() {
        return tensor;
    }
}
