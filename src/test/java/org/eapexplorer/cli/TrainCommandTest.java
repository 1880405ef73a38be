package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.runtime.ComputeDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command end to end on a tiny model: a loadable Hugging Face directory and its training record. */
class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesALoadableModelWithItsTrainingRecord() throws Exception {
        Path out = dir.resolve("tiny");
        int code = EapCli.run("train", "--out", out.toString(), "--layers", "1", "--heads", "2", "--d-model", "16", "--d-mlp", "32",
                "--positions", "16", "--steps", "30", "--batch-size", "8", "--log-every", "10", "--held-out", "20", "--no-analysis",
                "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertEquals(0, code);
        try (LanguageModel model = LanguageModel.load(out, ComputeDevice.CPU)) {
            assertEquals(32, model.config().dMlp());
            assertEquals(64, model.config().vocabSize());
        }
        JsonObject record = JsonParser.parseString(Files.readString(out.resolve("training.json"))).getAsJsonObject();
        assertEquals(3, record.getAsJsonArray("log").size());
        assertEquals(30, record.getAsJsonArray("log").get(2).getAsJsonObject().get("step").getAsInt());
        assertTrue(record.get("command").getAsString().startsWith("eap-explorer train --out "));
        assertTrue(record.getAsJsonObject("held_out").get("predictions").getAsInt() > 0);
        byte[] png = Files.readAllBytes(out.resolve("loss.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.exists(out.resolve("tokenizer.json")));
        assertTrue(Files.notExists(out.resolve("ground-truth.json")), "--no-analysis");
    }
}
