package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MethodSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window names a score file's scores by the method its metadata block records. */
class ScoreFileMethodTest {

    @TempDir
    Path dir;

    private Path written(String method, int steps) throws Exception {
        GraphIndex g = GraphIndex.of(1, 2);
        Path file = dir.resolve(method + steps + ".json");
        ScoreJson.writeComputed(file, new ScoreFile("m", "p.jsonl", "logit_diff", 1, "CPU", 1, 0, Map.of(),
                new EdgeScores(g, new float[g.edgeCount()])), new ScoreMetadata(method, steps, "edge", 8,
                new FileIdentity("p.jsonl", "0"), new FileIdentity("m", "0"), "t"));
        return file;
    }

    @Test
    void theWritersMethodAndStepsReadBack() throws Exception {
        assertEquals(Optional.of(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 12)), ScoreFileMethod.read(written("eap-ig-inputs", 12)));
        assertEquals(Optional.of(MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED)), ScoreFileMethod.read(written("clean-corrupted", 0)));
        assertEquals(Optional.empty(), ScoreFileMethod.read(written("acdc", 0)), "not a scoring method of the window");
    }

    @Test
    void withoutMetadataTheMethodIsUnknownAndBadStepsAreNamed() throws Exception {
        Path plain = dir.resolve("plain.json");
        GraphIndex g = GraphIndex.of(1, 2);
        ScoreJson.write(plain, new ScoreFile("m", "p", "logit_diff", 1, "CPU", 1, 0, Map.of(), new EdgeScores(g, new float[g.edgeCount()])));
        assertEquals(Optional.empty(), ScoreFileMethod.read(plain));
        Path bad = written("eap-ig-inputs", 3);
        Files.writeString(bad, Files.readString(bad).replace("\"steps\": 3", "\"steps\": 2.5"));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> ScoreFileMethod.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("metadata.steps"), e.getMessage());
    }
}
