package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

/**
 * ACDC's docstring metric, logit(answer) − max distractor logit, held against exact identities: its value is
 * the plain logit difference to each prompt's strongest distractor, and so is its EAP, because the gradient
 * of a max at the clean run is the gradient of its largest entry.
 */
class MaxLogitDiffTest {

    @Test
    void valuesAndEapEqualTheLogitDifferenceToTheStrongestDistractor() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> encoded = PromptEncoder.encode(set, tokenizer, model.config());
            // Every prompt gets four distractors: the fixture's own and three other tokens, none an answer.
            int vocab = model.config().vocabSize();
            List<TokenizedPair> pairs = new ArrayList<>();
            for (TokenizedPair p : encoded) {
                int[] distractors = new int[4];
                distractors[0] = p.distractors()[0];
                int next = 0;
                for (int i = 1; i < 4; i++) {
                    while (next == p.answers()[0] || next == distractors[0] || contains(distractors, i, next)) {
                        next++;
                    }
                    distractors[i] = next++ % vocab;
                }
                pairs.add(new TokenizedPair(p.clean(), p.corrupted(), new int[] {p.answers()[0]}, distractors));
            }

            float[][] clean = model.lastTokenLogits(pairs.stream().map(TokenizedPair::clean).toList());
            List<TokenizedPair> strongest = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                TokenizedPair p = pairs.get(i);
                int best = p.distractors()[0];
                for (int d : p.distractors()) {
                    if (clean[i][d] > clean[i][best]) {
                        best = d;
                    }
                }
                strongest.add(new TokenizedPair(p.clean(), p.corrupted(), p.answers(), new int[] {best}));
            }
            assertTrue(strongest.stream().anyMatch(p -> p.distractors()[0] != pairs.get(strongest.indexOf(p)).distractors()[0]),
                    "some prompt's strongest distractor is not its first, or the test shows nothing");

            double[] max = model.metric(pairs, MetricKind.MAX_LOGIT_DIFF, false);
            double[] plain = model.metric(strongest, MetricKind.LOGIT_DIFF, false);
            for (int i = 0; i < max.length; i++) {
                assertEquals(plain[i], max[i], 1e-5, "prompt " + i);
            }

            EdgeScores a = new EapAttributor(model).run(pairs, MetricKind.MAX_LOGIT_DIFF, 5, ProgressListener.NONE, CancellationToken.NEVER).scores();
            EdgeScores b = new EapAttributor(model).run(strongest, MetricKind.LOGIT_DIFF, 5, ProgressListener.NONE, CancellationToken.NEVER).scores();
            float scale = 0;
            for (int e = 0; e < a.graph().edgeCount(); e++) {
                scale = Math.max(scale, Math.abs(b.score(e)));
            }
            for (int e = 0; e < a.graph().edgeCount(); e++) {
                assertEquals(b.score(e), a.score(e), 1e-5 * scale, a.graph().edgeName(e));
            }
        }
    }

    private static boolean contains(int[] values, int upTo, int v) {
        for (int i = 0; i < upTo; i++) {
            if (values[i] == v) {
                return true;
            }
        }
        return false;
    }
}
