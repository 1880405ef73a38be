package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.cli.EapCli;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.SafetensorsFormatException;
import org.eapexplorer.tokenizer.WordLevelTokenizer;
import org.eapexplorer.training.RandomModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model folders whose files disagree with each other, or are read leniently by a library, are refused in plain words. */
class ModelInputRefusalTest {

    private static final ModelConfig TINY = new ModelConfig(1, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH);

    @TempDir
    Path dir;

    @Test
    void untiedEmbeddingsWithoutAnLmHeadAreRefusedNotSilentlyTied() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\"tie_word_embeddings\": false, "));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("model.safetensors") && message.contains("lm_head.weight") && message.contains(config.toString())
                && message.contains("tie_word_embeddings: false"), message);
    }

    @Test
    void aConfigKeyGivenTwiceOrOfTheWrongKindIsRefused() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        String good = Files.readString(config);
        Files.writeString(config, good.replaceFirst("\\{", "{\"n_layer\": 4, "));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("config.json") && message.contains("\"n_layer\" appears twice"), message);

        Files.writeString(config, good.replaceFirst("\\{", "{\"scale_attn_weights\": {}, "));
        message = ModelDirs.refusal(dir);
        assertTrue(message.contains("'scale_attn_weights' must be true or false"), message);

        Files.writeString(config, good.replaceFirst("\\{", "{\"tie_word_embeddings\": \"no\", "));
        message = ModelDirs.refusal(dir);
        assertTrue(message.contains("'tie_word_embeddings' must be true or false"), message);
    }

    @Test
    void aConfigNumberBeyondADoublesRangeIsRefused() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceAll("\"layer_norm_epsilon\": [^,\n]+", "\"layer_norm_epsilon\": 1e999"));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("'layer_norm_epsilon' is 1e999, beyond the range of a number"), message);
    }

    @Test
    void aTensorEntryWithAKeyTwiceIsRefused() throws IOException {
        String entry = "{\"dtype\":\"F16\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        byte[] header = ("{\"w\":" + entry + "}").getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("dup.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).putFloat(1f);
        Files.write(file, b.array());
        String message = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(file)).getMessage();
        assertTrue(message.startsWith(file.toString()) && message.contains("\"dtype\" appears twice") && message.contains("in the object of \"w\""),
                message);
    }

    @Test
    void aTokenizerWithIdsBeyondTheModelsVocabularyIsRefusedNamingBothFiles() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        List<String> words = new ArrayList<>(List.of(WordLevelTokenizer.UNK));
        for (int i = 1; i < 20; i++) {
            words.add("t" + i);
        }
        WordLevelTokenizer.save(dir.resolve("tokenizer.json"), words);
        Path prompts = dir.resolve("p.jsonl");
        Files.writeString(prompts, "{\"clean\": \"t1 t2 t18\", \"corrupted\": \"t1 t3 t18\", \"answer\": \"t4\", \"distractor\": \"t5\"}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = EapCli.run("score", "--model", dir.toString(), "--prompts", prompts.toString(), "--device", "cpu",
                    "--out", Files.createTempDirectory("refusal-out").resolve("out.json").toString());  // not in the model folder
        } finally {
            System.setErr(old);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, message);
        assertTrue(message.contains(dir.resolve("tokenizer.json").toString()) && message.contains(dir.resolve("config.json").toString())
                && message.contains("vocab_size 12") && message.contains("20 token ids"), message);
    }
}
