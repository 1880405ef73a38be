package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.training.RandomFamilyModel;
import org.eapexplorer.training.RandomFamilyModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory formula's arithmetic, the batch it picks, and the refusal before loading a run that cannot hold one pair. */
class EapMemoryTest {

    @TempDir
    Path dir;

    @Test
    void theBatchIsWhatFitsBesideTheFixedPartNeverMoreThanAsked() {
        EapMemory memory = new EapMemory(1000, EapMemory.RUNTIME_BYTES + 100, 10, 1);
        assertEquals(2L * 5 * (10 + 5) * 3 + 1100 + EapMemory.RUNTIME_BYTES, memory.bytes(3, 5));
        assertEquals(100, memory.transientBytes(), "a process asking holds the runtime already");
        long available = (long) Math.ceil((100 + 4 * 150) / EapMemory.USABLE_FRACTION);
        assertEquals(4, memory.pairsThatFit(available, 5, 20), "4 pairs of 150 bytes beside the 100 transient bytes");
        assertEquals(2, memory.pairsThatFit(available, 5, 2), "never more than asked");
        assertEquals(0, memory.pairsThatFit(50, 5, 20), "not even the transient part");
    }

    /** Llama-3.1-8B's shape: the upstream differences dominate, about 17 MB a token; the weights are held at 2 bytes. */
    @Test
    void llama8bsFigures() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\","
                + " \"hidden_size\": 4096, \"intermediate_size\": 14336, \"num_attention_heads\": 32, \"num_key_value_heads\": 8,"
                + " \"num_hidden_layers\": 32, \"vocab_size\": 128256, \"max_position_embeddings\": 131072, \"rms_norm_eps\": 1e-05,"
                + " \"rope_theta\": 500000.0, \"hidden_act\": \"silu\", \"tie_word_embeddings\": false}");
        org.eapexplorer.model.ModelConfig c = org.eapexplorer.family.ModelFamilies.read(dir.resolve("config.json")).config();
        assertEquals(1_592_881, c.graph().edgeCount(), "the README's count");
        EapMemory m = EapMemory.of(c, 16_060_522_496L, true, MethodSpec.EAP);
        double perToken = m.bytesPerToken() / 1e6;
        assertTrue(perToken > 17.3 && perToken < 40, "per token " + perToken + " MB");
        assertTrue(m.pairsThatFit(24L << 30, 15, 20) >= 1, "a pair fits beside the weights in 24 GiB");
        // The lean batch keeps the whole within issue 25's bound, 1.25 × the weights + 2 GiB, by the formula.
        long batch = m.leanBatchBytes();
        assertTrue(m.weightBytes() + m.fixedBytes() + batch <= m.weightBytes() * 1.25 + (2L << 30), "lean batch " + batch);
        assertEquals(512L << 20, new EapMemory(100L << 20, 2L << 30, 1, 0).leanBatchBytes(), "at least 512 MiB");
    }

    @Test
    void aRunThatCannotHoldOnePairIsRefusedBeforeLoadingWithItsFigures() throws Exception {
        RandomFamilyModelWriter.write(dir, new RandomFamilyModel(Family.LLAMA, 2, 4, 2, 32, 48, 40, 64, false, DType.BF16, 1.0,
                true, 3, RandomFamilyModel.DEFAULT_SHARD_BYTES), null);
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> LanguageModel.requireMemoryFor(dir, 12, MethodSpec.EAP, 100L << 20));
        assertTrue(e.getMessage().startsWith(dir + ": EAP on one pair of 12-token prompts needs about "), e.getMessage());
        assertTrue(e.getMessage().contains("and this machine has 0.1 GiB available") && e.getMessage().contains("no batch fits"), e.getMessage());
        assertDoesNotThrow(() -> LanguageModel.requireMemoryFor(dir, 12, MethodSpec.EAP, 8L << 30));
    }
}
