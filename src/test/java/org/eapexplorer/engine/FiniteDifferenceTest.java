package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.EdgeId;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The EAP score is the derivative of L along the edge's patch direction: d/dε L(v + ε·(u_corr − u_clean)) at 0.
 * Checked by central differences through the forward pass's receiver deltas, independently of the backward
 * pass and of the analytic LayerNorm gradient.
 */
class FiniteDifferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-neox", "tiny-neox-sequential", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void everyEdgeScoreIsTheDirectionalDerivative(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            float[] scores = EapKernel.run(model, pairs, set.metric(), 1.0 / pairs.size()).scores();
            GraphIndex graph = model.graph();
            double largest = 0;
            for (float s : scores) {
                largest = Math.max(largest, Math.abs(s));
            }
            int checked = 0;
            for (int edge = 0; edge < graph.edgeCount(); edge += 3) {
                double fd = directionalDerivative(model, pairs, set.metric(), graph.edge(edge), 1e-2);
                assertEquals(fd, scores[edge], 2e-3 * largest, graph.edgeName(edge));
                checked++;
            }
            assertTrue(checked > 20);
        }
    }

    static double directionalDerivative(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind, EdgeId edge, double eps) {
        GraphIndex graph = model.graph();
        int receiver = graph.receiverIndex(edge.to().name()).orElseThrow();
        try (NDManager m = model.manager().newSubManager()) {
            TokenBatch clean = TokenBatch.of(pairs.stream().map(TokenizedPair::clean).toList(), model.config().nPositions());
            TokenBatch corrupted = TokenBatch.of(pairs.stream().map(TokenizedPair::corrupted).toList(), model.config().nPositions());
            ForwardRun c = model.forward().run(m, clean, ForwardOptions.RECORD);
            ForwardRun k = model.forward().run(m, corrupted, ForwardOptions.RECORD);
            NDArray diff = nodeOutput(model, k, edge.from()).sub(nodeOutput(model, c, edge.from()));
            double plus = meanMetric(model, m, clean, pairs, kind, Map.of(receiver, patch(model, c, edge.from(), diff.mul(eps))));
            double minus = meanMetric(model, m, clean, pairs, kind, Map.of(receiver, patch(model, c, edge.from(), diff.mul(-eps))));
            return (plus - minus) / (2 * eps);
        }
    }

    /**
     * What patching the sender by {@code step} changes its receiver's input by: the step itself; for a head under a sandwich
     * block's post-norm, post_norm(S + step) − post_norm(S), S the clean heads' sum: the points of the edge's exact
     * patching curve, whose slope at 0 EAP is to be.
     */
    private static NDArray patch(LanguageModel model, ForwardRun clean, NodeId from, NDArray step) {
        if (!(from instanceof NodeId.Head head) || clean.attnSum[head.layer()] == null) {
            return step;
        }
        return PostNorm.change(clean.attnSum[head.layer()], step, model.weights().postAttnGain(head.layer(), step.getManager()),
                model.config().layerNormEps());
    }

    private static NDArray nodeOutput(LanguageModel model, ForwardRun run, NodeId node) {
        if (node instanceof NodeId.Input) {
            return run.embedding;
        }
        if (node instanceof NodeId.Mlp mlp) {
            return run.mlpOut[mlp.layer()];
        }
        NodeId.Head head = (NodeId.Head) node;
        NDArray z = run.headZ[head.layer()];                           // [B, P, H, e]
        NDArray zh = z.get(":, :, {}, :", head.head());                // [B, P, e]
        long[] s = z.getShape().getShape();
        NDArray outHeads = model.weights().layers.get(head.layer()).outWeight().in(ai.djl.ndarray.types.DataType.FLOAT32, z.getManager()).reshape(s[2], s[3], -1);  // [H, e, d]: W_O[h]
        return zh.matMul(outHeads.get(head.head()));
    }

    private static double meanMetric(LanguageModel model, NDManager m, TokenBatch batch, List<TokenizedPair> pairs, MetricKind kind,
                                     Map<Integer, NDArray> deltas) {
        ForwardRun run = model.forward().run(m, batch, ForwardOptions.withDeltas(deltas));
        float[] values = TaskMetric.perPrompt(m, run.logits, kind, pairs, model.config().vocabSize()).toFloatArray();
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
