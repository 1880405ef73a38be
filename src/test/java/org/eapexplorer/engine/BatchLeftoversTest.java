package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import java.util.List;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scoring batch leaves nothing in the model's own manager: whatever it made there would live as long as the model,
 * and a view left behind keeps the storage it views alive (the EAP kernel's reused upstream buffer, outgrown by a
 * batch of longer prompts, was kept so once per batch: RSS grew batch by batch on large models).
 */
class BatchLeftoversTest {

    @ParameterizedTest
    @CsvSource({"tiny-f32, eap", "tiny-gemma2, eap", "tiny-gemma2, eap-ig-inputs", "tiny-olmo2, clean-corrupted"})
    void batchesLeaveTheModelsManagerAsTheyFoundIt(String fixtureName, String method) throws Exception {
        OracleFixture fixture = OracleFixture.load(fixtureName);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            org.eapexplorer.model.AttributionMethod am = org.eapexplorer.model.AttributionMethod.parse(method);
            MethodSpec spec = am == org.eapexplorer.model.AttributionMethod.EAP_IG_INPUTS ? new MethodSpec(am, 2) : MethodSpec.of(am);
            EapKernel.run(model, pairs.subList(0, 2), set.metric(), 0.5, spec);   // the first batch may allocate what batches reuse
            int after = managed(model);
            for (int i = 0; i < 3; i++) {
                EapKernel.run(model, pairs.subList(i, i + 3), set.metric(), 1.0 / 3, spec);   // longer batches: the buffer grows
                assertEquals(after, managed(model), "arrays left in the model's manager after batch " + (i + 2));
            }
        }
    }

    private static int managed(LanguageModel model) {
        return ((BaseNDManager) model.manager()).getManagedArrays().size();
    }
}
