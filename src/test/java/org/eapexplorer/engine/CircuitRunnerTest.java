package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.BitSet;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Circuits with everything else patched to the corrupted run, against the oracle's explicit-graph forward. */
class CircuitRunnerTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-bf16", "tiny-attn-only"})
    void randomCircuitsMatchTheOracle(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (Gpt2Model model = Gpt2Model.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            try (CircuitRunner runner = CircuitRunner.prepare(model, PromptEncoder.encode(set, tokenizer, model.config().nPositions()), set.metric())) {
                double scale = Math.max(1e-2, Math.abs(fixture.number("metric_clean")));
                for (JsonElement c : fixture.reference().getAsJsonArray("circuits")) {
                    JsonObject circuit = c.getAsJsonObject();
                    BitSet kept = new BitSet();
                    circuit.getAsJsonArray("kept").forEach(e -> kept.set(model.graph().edgeIndex(e.getAsString()).getAsInt()));
                    double expected = circuit.get("metric").getAsDouble();
                    assertEquals(expected, runner.metric(kept), 1e-5 * Math.max(scale, Math.abs(expected)), kept.cardinality() + " edges kept");
                }
                BitSet none = new BitSet();
                assertEquals(runner.metricCorrupted(), runner.metric(none), 1e-5 * scale, "empty circuit = corrupted run");
                BitSet all = new BitSet();
                all.set(0, model.graph().edgeCount());
                assertEquals(runner.metricClean(), runner.metric(all), 1e-6 * scale, "full circuit = clean run");
            }
        }
    }
}
