package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

/** EAP-IG's interpolated runs give the same scores whether they share forward passes (stacked) or run one by one. */
class EapKernelStackingTest {

    @Test
    void stackingTheStepsChangesNothing() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            MethodSpec ig = new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 7);
            float[] oneByOne = EapKernel.run(model, pairs, set.metric(), 1.0 / pairs.size(), ig, 1).scores();
            float[] threeAtATime = EapKernel.run(model, pairs, set.metric(), 1.0 / pairs.size(), ig, 3L * pairs.size() * 10).scores();
            float[] allAtOnce = EapKernel.run(model, pairs, set.metric(), 1.0 / pairs.size(), ig, Long.MAX_VALUE / 2).scores();
            double largest = 0;
            for (float v : allAtOnce) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int e = 0; e < allAtOnce.length; e++) {
                assertEquals(allAtOnce[e], oneByOne[e], 1e-5 * largest, model.graph().edgeName(e));
                assertEquals(allAtOnce[e], threeAtATime[e], 1e-5 * largest, model.graph().edgeName(e));
            }
        }
    }
}
