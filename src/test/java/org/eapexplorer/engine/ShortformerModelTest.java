package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PositionalEmbedding;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.training.RandomModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TransformerLens's shortformer positional embedding ({@code "positional_embedding_type": "shortformer"}) and the
 * optional BOS token ({@code "prepend_bos": true}): how config.json names them, what is refused, and invariants of
 * the forward pass. The numbers themselves (logits, EAP, patching, circuits, ACDC) are held against the oracle's
 * {@code tiny-shortformer} by the tests parametrised over the fixtures.
 */
class ShortformerModelTest {

    private static final ModelConfig SHORTFORMER = ModelConfig.attentionOnly(2, 2, 8, 16, 12, 1e-5)
            .withPositionalEmbedding(PositionalEmbedding.SHORTFORMER);

    @TempDir
    Path dir;

    @Test
    void aRandomShortformerModelIsWrittenWithTheKeyAndLoads() throws IOException {
        RandomModelWriter.write(dir, SHORTFORMER, 1, DType.F32, null);
        JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
        assertEquals("shortformer", config.get("positional_embedding_type").getAsString());
        assertFalse(config.has("prepend_bos"));
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(SHORTFORMER, model.config());
        }
    }

    @Test
    void withoutAPositionalEmbeddingShortformerAndStandardAreTheSameModel() throws IOException {
        // W_pos = 0: nothing is added anywhere, so the two readings of the same weights must agree; with W_pos ≠ 0 they must not.
        RandomModelWriter.write(dir, SHORTFORMER, 3, DType.F32, null);
        List<int[]> prompts = List.of(new int[] {1, 2, 3, 4, 5}, new int[] {6, 7, 8});
        float[][] shortformer = logits(prompts);
        setStandard();
        float[][] standard = logits(prompts);
        assertFalse(java.util.Arrays.deepEquals(shortformer, standard), "W_pos must matter");

        ModelDirs.editTensors(dir, tensors -> tensors.put("wpe.weight", TensorData.f32(new float[16 * 8], 16, 8)));
        float[][] standardNoPos = logits(prompts);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"positional_embedding_type\": \"standard\"", "\"positional_embedding_type\": \"shortformer\""));
        float[][] shortformerNoPos = logits(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(standardNoPos[i], shortformerNoPos[i], 1e-5f, "prompt " + i);
        }
    }

    @Test
    void anUnknownPositionalEmbeddingTypeIsRefusedNamingTheFileAndTheKey() throws IOException {
        RandomModelWriter.write(dir, SHORTFORMER, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"shortformer\"", "\"rotary\""));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("config.json: positional_embedding_type 'rotary' is not supported")
                && message.contains("'standard'") && message.contains("'shortformer'"), message);
        Files.writeString(config, Files.readString(config).replace("\"rotary\"", "7"));
        assertTrue(ModelDirs.refusal(dir).contains("config.json: 'positional_embedding_type' must be a string, got 7"), ModelDirs.refusal(dir));
    }

    @Test
    void prependBosReadsTheBosTokenAndRefusesAMissingOrImpossibleOne() throws IOException {
        RandomModelWriter.write(dir, SHORTFORMER.withBosToken(OptionalInt.of(11)), 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        String good = Files.readString(config);
        JsonObject json = JsonParser.parseString(good).getAsJsonObject();
        assertTrue(json.get("prepend_bos").getAsBoolean());
        assertEquals(11, json.get("bos_token_id").getAsInt());
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(OptionalInt.of(11), model.config().bosToken());
        }

        Files.writeString(config, good.replace("\"bos_token_id\": 11", "\"eos_token_id\": 11"));
        String missing = ModelDirs.refusal(dir);
        assertTrue(missing.contains("config.json: prepend_bos is true but there is no bos_token_id"), missing);
        Files.writeString(config, good.replace("\"bos_token_id\": 11", "\"bos_token_id\": 12"));
        String outside = ModelDirs.refusal(dir);
        assertTrue(outside.contains("config.json: bos_token_id 12 is not a token id of the vocabulary (0 … 11)"), outside);
        Files.writeString(config, good.replace("\"prepend_bos\": true", "\"prepend_bos\": \"yes\""));
        assertTrue(ModelDirs.refusal(dir).contains("config.json: 'prepend_bos' must be true or false"), ModelDirs.refusal(dir));
        Files.writeString(config, good.replace("\"prepend_bos\": true", "\"prepend_bos\": false"));
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(OptionalInt.empty(), model.config().bosToken(), "bos_token_id alone (as in GPT-2's config) prepends nothing");
        }
    }

    @Test
    void theOracleFixtureIsShortformerAndItsPromptsStartWithBos() throws IOException {
        OracleFixture fixture = OracleFixture.load("tiny-shortformer");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            assertTrue(model.config().attnOnly() && model.config().shortformer());
            assertEquals(OptionalInt.of(41), model.config().bosToken());
            assertEquals("<|endoftext|>", tokenizer.token(41));
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            List<int[]> clean = fixture.tokens("clean");
            List<int[]> corrupted = fixture.tokens("corrupted");
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(41, pairs.get(i).clean()[0]);
                assertArrayEquals(clean.get(i), pairs.get(i).clean(), "clean tokens of pair " + i);
                assertArrayEquals(corrupted.get(i), pairs.get(i).corrupted(), "corrupted tokens of pair " + i);
            }
        }
    }

    @Test
    void configInvariants() {
        assertThrows(IllegalArgumentException.class, () -> SHORTFORMER.withBosToken(OptionalInt.of(12)));
        assertThrows(NullPointerException.class, () -> SHORTFORMER.withPositionalEmbedding(null));
        ModelConfig standard = new ModelConfig(2, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH);
        assertEquals(PositionalEmbedding.STANDARD, standard.positionalEmbedding());
        assertEquals(OptionalInt.empty(), standard.bosToken());
        assertEquals(standard.graph().edgeCount(), standard.withPositionalEmbedding(PositionalEmbedding.SHORTFORMER).graph().edgeCount(),
                "the graph does not depend on where W_pos enters");
    }

    private float[][] logits(List<int[]> prompts) throws IOException {
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            return model.lastTokenLogits(prompts);
        }
    }

    private void setStandard() throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"positional_embedding_type\": \"shortformer\"", "\"positional_embedding_type\": \"standard\""));
    }

    @Test
    void messagesNameTheInputConventions() {
        assertEquals("", ModelConfig.attentionOnly(2, 2, 8, 16, 12, 1e-5).inputConventions());
        assertEquals("shortformer positions", SHORTFORMER.inputConventions());
        assertEquals("BOS 11 prepended", ModelConfig.attentionOnly(2, 2, 8, 16, 12, 1e-5).withBosToken(OptionalInt.of(11)).inputConventions());
        assertEquals("shortformer positions, BOS 11 prepended", SHORTFORMER.withBosToken(OptionalInt.of(11)).inputConventions());
    }

}
