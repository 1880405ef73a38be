package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.engine.OracleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaN and infinity given as λ or τ are refused, with the option named, before the model is loaded; a model with a NaN
 * weight is refused at load, and the score file already there stays.
 */
class NonFiniteOptionsTest {

    @TempDir
    Path dir;

    @Test
    void nanOrInfinityAsLambdaOrTauIsRefused() {
        OracleFixture f = OracleFixture.load("tiny-f32");
        String m = f.dir().toString();
        String p = f.prompts().toString();
        Path out = dir.resolve("out.json");
        String scores = f.dir().resolve("reference.json").toString();
        for (String[] args : new String[][] {
                {"patch", "--model", m, "--prompts", p, "--edges", "m0->logits", "--lambdas", "0,NaN,1", "--out", out.toString()},
                {"patch", "--model", m, "--prompts", p, "--edges", "m0->logits", "--lambdas", "Infinity", "--out", out.toString()},
                {"acdc", "--model", m, "--prompts", p, "--tau", "NaN", "--out", out.toString()},
                {"hybrid", "--model", m, "--prompts", p, "--scores", scores, "--truth", scores, "--eap-sizes", "2", "--taus", "0.1,NaN",
                        "--out", out.toString()}}) {
            String err = run(args);
            assertTrue(err.startsWith("error: --") && (err.contains("NaN") || err.contains("Infinity")), String.join(" ", args) + "\n" + err);
            assertFalse(err.contains("loading"), "refused before loading the model: " + err);
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void scoreOnANaNWeightFailsAndKeepsTheGoodOutput() throws Exception {
        OracleFixture f = OracleFixture.load("tiny-f32");
        Path model = Files.createDirectory(dir.resolve("model"));
        for (String name : java.util.List.of("config.json", "tokenizer.json")) {
            Files.copy(f.dir().resolve(name), model.resolve(name));
        }
        java.util.Map<String, org.eapexplorer.safetensors.TensorData> tensors = new java.util.LinkedHashMap<>();
        try (org.eapexplorer.safetensors.SafetensorsFile st = org.eapexplorer.safetensors.SafetensorsFile.open(f.dir().resolve("model.safetensors"))) {
            for (String name : st.names()) {
                if (st.info(name).orElseThrow().dtype().isReadableAsFloat()) {
                    tensors.put(name, org.eapexplorer.safetensors.TensorData.f32(st.readFloats(name), st.info(name).orElseThrow().shape()));
                }
            }
        }
        String wte = tensors.keySet().stream().filter(k -> k.endsWith("wte.weight")).findFirst().orElseThrow();
        tensors.get(wte).values()[0] = Float.NaN;
        org.eapexplorer.safetensors.SafetensorsWriter.write(model.resolve("model.safetensors"), tensors);
        Path out = Files.writeString(dir.resolve("scores.json"), "{\"good\": true}");
        String err = run("score", "--model", model.toString(), "--prompts", f.prompts().toString(), "--device", "cpu", "--out", out.toString());
        assertTrue(err.contains("tensor '" + wte + "' holds 1 non-finite value (the first, NaN, at [0, 0])"), err);
        assertEquals("{\"good\": true}", Files.readString(out));
    }

    private static String run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = EapCli.run(args);
        } finally {
            System.setErr(old);
        }
        assertEquals(1, code, String.join(" ", args));
        return err.toString(StandardCharsets.UTF_8).strip();
    }
}
