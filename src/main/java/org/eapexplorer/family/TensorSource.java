package org.eapexplorer.family;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** A checkpoint's tensors by their Hugging Face names and shapes, as a family sees them (their values go to the engine: {@link TensorRecipe}). */
public interface TensorSource {

    /** Every tensor name in the checkpoint. */
    Set<String> names();

    boolean has(String name);

    /** The tensor's shape as the checkpoint's header gives it, without reading it; null when there is no such tensor. */
    long[] shape(String name);

    /** The file that holds tensor {@code name}, for messages: its shard, for a sharded checkpoint. */
    default String fileOf(String name) {
        return describe();
    }

    /** The checkpoint, for messages: model.safetensors, or the shard index. */
    String describe();

    /** The model directory, for messages that name its other files (config.json). */
    Path directory();

    /** A shape as messages write it, "(151936, 896)" (DJL's Shape style, which earlier messages used). */
    static String describeShape(long[] shape) {
        return java.util.Arrays.stream(shape).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
