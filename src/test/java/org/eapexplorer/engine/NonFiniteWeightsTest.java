package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.safetensors.TensorInfo;
import org.eapexplorer.training.RandomModelWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A NaN or infinite weight, in any of the float dtypes, is refused at load with the tensor and the element named. */
class NonFiniteWeightsTest {

    private static final ModelConfig TINY = new ModelConfig(2, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"F32, NaN", "F32, Infinity", "F16, -Infinity", "F16, NaN", "BF16, NaN", "BF16, Infinity"})
    void aNonFiniteWeightIsRefusedNamingTheTensor(DType dtype, float bad) throws IOException {
        RandomModelWriter.write(dir, TINY, 1, dtype, null);
        Path file = dir.resolve("model.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String name : f.names()) {
                TensorInfo info = f.info(name).orElseThrow();
                tensors.put(name, new TensorData(info.dtype(), info.shape(), f.readFloats(name)));
            }
        }
        float[] w = tensors.get("h.1.attn.c_attn.weight").values();
        w[3 * 24 + 5] = bad;          // row 3, column 5 of [8, 24]
        w[7 * 24 + 1] = bad;
        SafetensorsWriter.write(file, tensors);
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains(file.toString()) && message.contains("tensor 'h.1.attn.c_attn.weight' holds 2 non-finite values (the first, "
                + bad + ", at [3, 5])"), message);
    }
}
