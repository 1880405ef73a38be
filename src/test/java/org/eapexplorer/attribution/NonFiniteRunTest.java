package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.NanModel;
import org.eapexplorer.engine.NonFiniteResultException;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 24 item 3: a run whose numbers come out NaN or infinite is a failed run, whatever the method; it must never
 * come back as a result (NaN scores are what a score file or session reads as "not computed").
 */
class NonFiniteRunTest {

    @TempDir
    static Path dir;
    static Path model;
    static PromptSet set;

    @BeforeAll
    static void writeModel() throws Exception {
        model = NanModel.write(dir.resolve("nan-model"));
        set = PromptPairFile.read(NanModel.prompts(model));
    }

    private static List<TokenizedPair> pairs(LanguageModel m) throws Exception {
        try (Tokenizer tokenizer = Tokenizer.load(model)) {
            return PromptEncoder.encode(set, tokenizer, m.config());
        }
    }

    @ParameterizedTest
    @EnumSource(AttributionMethod.class)
    void everyAttributionMethodRefusesANonFiniteMetric(AttributionMethod method) throws Exception {
        try (LanguageModel m = LanguageModel.load(model, ComputeDevice.CPU)) {
            List<TokenizedPair> pairs = pairs(m);
            MethodSpec spec = method.usesSteps() ? new MethodSpec(method, 3) : MethodSpec.of(method);
            NonFiniteResultException e = assertThrows(NonFiniteResultException.class, () -> new EapAttributor(m)
                    .run(pairs, set.metric(), spec, 2, ProgressListener.NONE, CancellationToken.NEVER));
            // Refused at the first batch, naming the method, the run, the metric and the pairs.
            assertTrue(e.getMessage().startsWith("the clean run's " + set.metric().jsonName() + " is NaN for 2 of "
                    + "prompt pairs 1–2 of " + pairs.size() + " (the first, pair 1)"), e.getMessage());
        }
    }

    @Test
    void patchingRefusesANonFiniteMetric() throws Exception {
        try (LanguageModel m = LanguageModel.load(model, ComputeDevice.CPU)) {
            List<TokenizedPair> pairs = pairs(m);
            NonFiniteResultException e = assertThrows(NonFiniteResultException.class, () -> {
                try (EdgePatcher patcher = EdgePatcher.prepare(m, pairs, set.metric())) {
                    PatchingSweep.run(patcher, m.graph(), new int[] {0, 1}, new double[] {0, 1}, null, ProgressListener.NONE,
                            CancellationToken.NEVER);
                }
            });
            assertTrue(e.getMessage().startsWith("the clean run's " + set.metric().jsonName() + " is NaN for " + pairs.size() + " of "
                    + pairs.size() + " prompt pairs"), e.getMessage());
        }
    }

    /** A finite model, a patch that overflows: λ = 1e38 times a difference of activations is beyond float32. */
    @Test
    void aPatchWhoseEffectOverflowsIsRefusedNamingTheEdgeAndLambda() throws Exception {
        org.eapexplorer.engine.OracleFixture fixture = org.eapexplorer.engine.OracleFixture.load("tiny-f32");
        PromptSet finite = PromptPairFile.read(fixture.prompts());
        try (LanguageModel m = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir());
             EdgePatcher patcher = EdgePatcher.prepare(m, PromptEncoder.encode(finite, tokenizer, m.config()), finite.metric())) {
            int edge = m.graph().edgeCount() - 1;
            assertTrue(Double.isFinite(patcher.effects(new int[] {edge}, new double[] {1})[0][0]));
            NonFiniteResultException e = assertThrows(NonFiniteResultException.class, () -> PatchingSweep.run(patcher, m.graph(),
                    new int[] {edge}, new double[] {1, 1e38}, null, ProgressListener.NONE, CancellationToken.NEVER));
            assertTrue(e.getMessage().startsWith("patching edge " + m.graph().edgeName(edge) + " at λ = 1.0E38 gives a "
                    + finite.metric().jsonName() + " that is "), e.getMessage());
        }
    }

    @Test
    void circuitRunsRefuseANonFiniteMetric() throws Exception {
        try (LanguageModel m = LanguageModel.load(model, ComputeDevice.CPU)) {
            List<TokenizedPair> pairs = pairs(m);
            NonFiniteResultException e = assertThrows(NonFiniteResultException.class, () -> {
                try (CircuitRunner runner = CircuitRunner.prepare(m, pairs, set.metric())) {
                    runner.metric(new BitSet());
                }
            });
            assertTrue(e.getMessage().startsWith("the corrupted run's " + set.metric().jsonName() + " is NaN for " + pairs.size() + " of "
                    + pairs.size() + " prompt pairs"), e.getMessage());
        }
    }
}
