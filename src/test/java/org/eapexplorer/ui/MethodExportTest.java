package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.io.FileIdentity;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** A score file the window exports says which method made its scores, as the score command's files do. */
class MethodExportTest extends WindowTest {

    @Test
    void theJsonExportWritesMethodStepsAndWhatTheInputsAre() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        AnalysisResult eap = app.state().result();
        assertEquals(MethodSpec.EAP, eap.method(), "the launch's run is EAP's");
        Path eapFile = tempDir.resolve("eap-export.json");
        await(fx(() -> app.models().export().exportCircuit(eapFile, 1)));
        JsonObject meta = JsonParser.parseString(Files.readString(eapFile)).getAsJsonObject().getAsJsonObject("metadata");
        assertEquals("eap", meta.get("method").getAsString());
        assertTrue(!meta.has("steps"), "steps only for a method that has them, as the score command writes them");

        // The same scores as an EAP-IG result would hold them (the kernel's own runs are tested on the core).
        AnalysisResult ig = new AnalysisResult(eap.modelDir(), eap.promptFile(), eap.promptSource(), eap.metric(), eap.pairs(),
                eap.deviceDescription(), eap.scores(), eap.metricClean(), eap.metricCorrupted(), 0, 0, eap.referenceEdges(),
                eap.inputConventions(), new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 9));
        fxRun(() -> app.state().showResult(ig));
        Path file = tempDir.resolve("ig-export.json");
        await(fx(() -> app.models().export().exportCircuit(file, 1)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        meta = root.getAsJsonObject("metadata");
        assertEquals("eap-ig-inputs", meta.get("method").getAsString());
        assertEquals(9, meta.get("steps").getAsInt());
        assertEquals("edge", meta.get("level").getAsString());
        assertEquals(eap.metric().jsonName(), meta.get("metric").getAsString());
        assertEquals(FileIdentity.sha256(TINY.resolve("model.safetensors")), meta.getAsJsonObject("model").get("sha256").getAsString());
        assertEquals(FileIdentity.sha256(TINY_PROMPTS), meta.getAsJsonObject("prompts").get("sha256").getAsString());
        assertEquals(ModelFamilies.readConfig(TINY.resolve("config.json")).dModel(), root.getAsJsonObject("cfg").get("d_model").getAsInt(),
                "EAP-IG's from_json needs cfg.d_model");
        assertArrayEquals(eap.scores().scores(), ScoreJson.read(file).scores().scores(), "still reads back");
    }
}
