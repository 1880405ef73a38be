package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.ModelDevice;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layouts family readers ask for, carried out on small tensors whose values name their position, and the dtype they
 * are held in: the checkpoint's own.
 */
class CheckpointTensorsTest {

    @TempDir
    Path dir;

    private static float[] counting(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    private StoredTensor stored(Map<String, TensorData> tensors, TensorRecipe recipe, NDManager m) throws Exception {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors);
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(dir)) {
            return new CheckpointTensors(file).load(recipe, m);
        }
    }

    /** The tensor as the engine reads it in float32. */
    private NDArray load(Map<String, TensorData> tensors, TensorRecipe recipe, NDManager m) throws Exception {
        return stored(tensors, recipe, m).in(DataType.FLOAT32, m);
    }

    @Test
    void transposeTurnsLinearsOutInIntoInOut() throws Exception {
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager()) {
            NDArray t = load(Map.of("w", TensorData.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), TensorRecipe.linear("w", 2, 3), m);
            assertArrayEquals(new long[] {3, 2}, t.getShape().getShape());
            assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloatArray());
        }
    }

    @Test
    void rowsStackQKeyAndValueBlocksOnceEach() throws Exception {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("q", TensorData.bf16(new float[] {1, 2, 3, 4}, 2, 2));
        tensors.put("k", TensorData.bf16(new float[] {5, 6}, 1, 2));
        tensors.put("v", TensorData.bf16(new float[] {7, 8}, 1, 2));
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager()) {
            StoredTensor held = stored(tensors, TensorRecipe.rows(TensorRecipe.stored("q", 2, 2), TensorRecipe.stored("k", 1, 2),
                    TensorRecipe.stored("v", 1, 2)).transposed(), m);
            assertEquals(DataType.BFLOAT16, held.storedType(), "held in the checkpoint's dtype");
            assertEquals(8 * 2, held.bytes(), "2 bytes a weight");
            NDArray t = held.in(DataType.FLOAT32, m);
            assertArrayEquals(new long[] {2, 4}, t.getShape().getShape());
            assertArrayEquals(new float[] {1, 3, 5, 7, 2, 4, 6, 8}, t.toFloatArray());
        }
    }

    /**
     * query_key_value's rows, head by head [q|k|v] (modeling_gpt_neox.py views its output as [..., heads, 3·head_size]
     * and splits the last axis in three), become q of every head, then k, then v.
     */
    @Test
    void fusedQkvRowsAreRegroupedQueriesFirst() throws Exception {
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager()) {
            // 2 heads, head size 1, a bias: rows q0 k0 v0 q1 k1 v1
            NDArray bias = load(Map.of("b", TensorData.f32(new float[] {100, 200, 300, 101, 201, 301}, 6)),
                    new TensorRecipe.PartMajor(TensorRecipe.stored("b", 6), 2, 3, 1), m);
            assertArrayEquals(new float[] {100, 101, 200, 201, 300, 301}, bias.toFloatArray());
            // head size 2, two columns: each row keeps its columns
            NDArray out = load(Map.of("w", TensorData.f16(counting(24), 12, 2)),
                    new TensorRecipe.PartMajor(TensorRecipe.stored("w", 12, 2), 2, 3, 2), m);
            float[] flat = out.toFloatArray();
            // head 1's q rows (rows 6, 7 of the input) are rows 2, 3 of the output
            assertArrayEquals(new float[] {12, 13, 14, 15}, java.util.Arrays.copyOfRange(flat, 4, 8));
            // head 0's k rows (rows 2, 3) are rows 4, 5
            assertArrayEquals(new float[] {4, 5, 6, 7}, java.util.Arrays.copyOfRange(flat, 8, 12));
        }
    }

    /** A tensor larger than the piece read at a time arrives whole and in order. */
    @Test
    void aTensorLargerThanOnePieceIsCopiedWhole() throws Exception {
        int n = CheckpointTensors.PIECE_BYTES / 2 + 12_345;   // BF16: one piece and some
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i % 251;
        }
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager()) {
            NDArray t = load(Map.of("big", TensorData.bf16(values, n)), TensorRecipe.stored("big", n), m);
            assertArrayEquals(values, t.toFloatArray());
        }
    }

    /**
     * BF16 weights are held as their bits in a float16-typed array (DJL has no bfloat16): values whose bits would be a
     * float16 NaN or infinity, the largest and smallest magnitudes and subnormals must come back exactly, through the
     * copies loading makes (stacking, row picking) and the widening to float32.
     */
    @Test
    void bfloat16BitsSurviveLoadingAndWidenExactly() throws Exception {
        float[] values = {3.3895314e38f, -3.3895314e38f, 1.0e38f, -2.5e37f, 65504f, 1.0e-38f, 9.18355e-41f, -1.0e-40f, 0f, -0f,
                1.5f, -7.25f, 0.1f, 3.140625f};
        float[] exact = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            exact[i] = org.eapexplorer.safetensors.BFloat16.toFloat(org.eapexplorer.safetensors.BFloat16.fromFloat(values[i]));
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a", TensorData.bf16(java.util.Arrays.copyOfRange(values, 0, 8), 4, 2));
        tensors.put("b", TensorData.bf16(java.util.Arrays.copyOfRange(values, 8, 14), 3, 2));
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager()) {
            StoredTensor held = stored(tensors, TensorRecipe.rows(TensorRecipe.stored("a", 4, 2), TensorRecipe.stored("b", 3, 2)), m);
            assertArrayEquals(exact, held.in(DataType.FLOAT32, m).toFloatArray());
            NDArray picked = held.rows(m, new ai.djl.ndarray.index.NDIndex("{}", m.create(new long[] {6, 0, 3})), DataType.FLOAT32);
            assertArrayEquals(new float[] {exact[12], exact[13], exact[0], exact[1], exact[6], exact[7]}, picked.toFloatArray());
        }
    }

    @Test
    void aNonFiniteValueInALaterPieceIsRefusedWithItsPosition() throws Exception {
        int n = CheckpointTensors.PIECE_BYTES / 4 + 10;
        float[] values = new float[n];
        values[n - 3] = Float.NEGATIVE_INFINITY;
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager()) {
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> load(Map.of("w", TensorData.f32(values, 2, n / 2)), TensorRecipe.stored("w", 2, n / 2), m));
            assertTrue(e.getMessage().contains("tensor 'w' holds 1 non-finite value (the first, -Infinity, at [1, " + (n / 2 - 3) + "])"),
                    e.getMessage());
        }
    }
}
