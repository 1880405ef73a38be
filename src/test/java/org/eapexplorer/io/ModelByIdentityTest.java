package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder found by the SHA-256 a score file records, whatever its path now. */
class ModelByIdentityTest {

    @TempDir
    Path dir;

    private Path model(String name, byte[] weights, String config) throws Exception {
        Path m = Files.createDirectories(dir.resolve(name));
        Files.write(m.resolve("model.safetensors"), weights);
        Files.writeString(m.resolve("config.json"), config);
        return m;
    }

    @Test
    void theFolderWithTheRecordedHashesIsFoundAmongOthers() throws Exception {
        Path wanted = model("moved", new byte[] {1, 2, 3}, "{\"n_layer\": 2}");
        Path other = model("other", new byte[] {1, 2, 4}, "{\"n_layer\": 2}");
        Path sameWeightsOtherConfig = model("retuned", new byte[] {1, 2, 3}, "{\"n_layer\": 3}");
        FileIdentity recorded = FileIdentity.ofModel("induction-2l", wanted);
        List<Path> candidates = List.of(dir.resolve("gone"), other, sameWeightsOtherConfig, dir, wanted);
        assertEquals(Optional.of(wanted.toAbsolutePath().normalize()), ModelByIdentity.find(recorded, candidates));
        // An older file records the weights alone: the first folder with those weights is the model.
        FileIdentity weightsOnly = new FileIdentity("induction-2l", recorded.sha256());
        assertEquals(Optional.of(sameWeightsOtherConfig.toAbsolutePath().normalize()),
                ModelByIdentity.find(weightsOnly, List.of(other, sameWeightsOtherConfig, wanted)));
        assertTrue(ModelByIdentity.find(recorded, List.of(other, sameWeightsOtherConfig)).isEmpty(), "no folder has it");
        assertTrue(ModelByIdentity.find(new FileIdentity("x", null), candidates).isEmpty(), "no hash recorded: nothing to find by");
        assertTrue(ModelByIdentity.find(null, candidates).isEmpty());
    }
}
