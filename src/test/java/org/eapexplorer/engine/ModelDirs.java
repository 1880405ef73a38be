package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;

/** What the loading tests do to a model directory: spoil its weights, and read the reason it is refused. */
final class ModelDirs {

    private ModelDirs() {
    }

    /** The message {@link LanguageModel#load} refuses {@code dir} with; fails the test if it loads. */
    static String refusal(Path dir) {
        return assertThrows(IOException.class, () -> LanguageModel.load(dir, ComputeDevice.CPU)).getMessage();
    }

    /** Rewrites {@code dir/model.safetensors} (as F32) after {@code edit} has added, replaced or removed tensors. */
    static void editTensors(Path dir, Consumer<Map<String, TensorData>> edit) throws IOException {
        Path file = dir.resolve("model.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String name : f.names()) {
                tensors.put(name, TensorData.f32(f.readFloats(name), f.info(name).orElseThrow().shape()));
            }
        }
        edit.accept(tensors);
        SafetensorsWriter.write(file, tensors);
    }
}
