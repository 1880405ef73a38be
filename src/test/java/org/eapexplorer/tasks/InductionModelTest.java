package org.eapexplorer.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.EapAttributor;
import org.eapexplorer.attribution.EapResult;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.Gpt2Probe;
import org.eapexplorer.eval.GroundTruth;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in model in assets/models/induction-2l: what its card and its ground truth claim holds. */
class InductionModelTest {

    static final Path DIR = Path.of("assets", "models", "induction-2l");
    /** Measured 0.731 (35 true edges of 110; see the model card); EAP misses the QK paths of saturated attention. */
    static final double AUC_FLOOR = 0.65;

    static LanguageModel model;
    static Tokenizer tokenizer;
    static JsonObject card;

    @BeforeAll
    static void load() throws Exception {
        model = LanguageModel.load(DIR, ComputeDevice.CPU);
        tokenizer = Tokenizer.load(DIR);
        card = JsonParser.parseString(Files.readString(DIR.resolve("training.json"), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @AfterAll
    static void close() {
        model.close();
        tokenizer.close();
    }

    @Test
    void isTheSmallGpt2OfItsCard() throws Exception {
        ModelConfig c = model.config();
        assertEquals(List.of(2, 4, 64, 128, 32, 64), List.of(c.nLayer(), c.nHead(), c.dModel(), c.dMlp(), c.nPositions(), c.vocabSize()));
        assertEquals(InductionTask.vocabulary().size(), tokenizer.vocabSize());
        assertEquals(InductionTask.WORDS.get(0), tokenizer.token(1));
        assertTrue(Files.size(DIR.resolve("model.safetensors")) < 1 << 20);
    }

    @Test
    void reproducesTheHeldOutAccuracyOfItsCard() throws Exception {
        JsonObject held = card.getAsJsonObject("held_out");
        List<InductionTask.Sequence> sequences = InductionTask.sample(held.get("seed").getAsLong(), held.get("sequences").getAsInt(),
                held.get("length").getAsInt());
        InductionTask.Accuracy acc = InductionTask.secondOccurrenceAccuracy(sequences,
                Gpt2Probe.allLogits(model, sequences.stream().map(InductionTask.Sequence::tokens).toList()));
        System.out.printf("induction-2l held-out: accuracy %.4f (%d/%d), loss %.4f%n", acc.fraction(), acc.correct(), acc.total(), acc.loss());
        assertEquals(held.get("predictions").getAsLong(), acc.total());
        assertEquals(held.get("accuracy").getAsDouble(), acc.fraction(), 0.002);
        assertEquals(held.get("loss").getAsDouble(), acc.loss(), 0.002);
        assertTrue(acc.fraction() >= 0.99);
        String readme = Files.readString(DIR.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(acc.correct() + "/" + acc.total()), "the card quotes the accuracy it measured");
    }

    /**
     * EAP over sample-prompts/induction.jsonl against the ground truth: ROC AUC of |score|, i.e. the chance that a
     * true edge outscores a false one (ties count half).
     */
    @Test
    void eapRanksTheGroundTruthEdgesHigh() throws Exception {
        PromptSet set = PromptPairFile.read(Path.of("sample-prompts", "induction.jsonl"));
        List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
        EapResult result = new EapAttributor(model).run(pairs, set.metric(), 33, ProgressListener.NONE, CancellationToken.NEVER);
        Set<Integer> truth = new HashSet<>();
        for (int e : GroundTruth.read(DIR.resolve("ground-truth.json")).edgeIndices(model.graph())) {
            truth.add(e);
        }
        float[] scores = result.scores().copyOfScores();
        double wins = 0;
        long comparisons = 0;
        for (int t : truth) {
            for (int f = 0; f < scores.length; f++) {
                if (!truth.contains(f)) {
                    double a = Math.abs(scores[t]);
                    double b = Math.abs(scores[f]);
                    wins += a > b ? 1 : a == b ? 0.5 : 0;
                    comparisons++;
                }
            }
        }
        double auc = wins / comparisons;
        System.out.printf("induction-2l: EAP ROC AUC %.4f (%d true edges of %d), metric clean %.2f, corrupted %.2f%n", auc, truth.size(),
                scores.length, result.metricClean(), result.metricCorrupted());
        assertTrue(result.metricClean() > 5 && result.metricCorrupted() < -5, "the model solves the clean prompts and follows the corruption");
        assertTrue(auc >= AUC_FLOOR, "AUC " + auc);
    }

    @Test
    void theGroundTruthIsWhatTheAnalysisDerivesFromTheModel() throws Exception {
        GroundTruth shipped = GroundTruth.read(DIR.resolve("ground-truth.json"));
        PromptSet set = PromptPairFile.read(Path.of("sample-prompts", "induction.jsonl"));
        GroundTruth derived = new InductionCircuitAnalysis(model, PromptEncoder.encode(set, tokenizer, model.config()))
                .derive("induction-2l");
        assertEquals(shipped.headClasses(), derived.headClasses());
        assertEquals(shipped.edgeNames(), derived.edgeNames());
        for (String head : shipped.headScores().keySet()) {
            shipped.headScores().get(head).forEach((k, v) -> assertEquals(v, derived.headScores().get(head).get(k), 1e-3, head + " " + k));
        }
        assertEquals(List.of("a0.h0", "a0.h3"), shipped.headClasses().get("previous_token"));
        assertEquals(4, shipped.headClasses().get("induction").size());
    }
}
