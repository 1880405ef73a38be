package org.eapexplorer.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;

/**
 * Finds the model folder a score file was computed on by the SHA-256 its metadata records rather than by the path it
 * records, so that a model whose folder moved (or a file written on another machine) still finds its model and the
 * {@code ground-truth.json} beside it. Hashes weights, so not for the FX thread.
 */
public final class ModelByIdentity {

    private ModelByIdentity() {
    }

    /**
     * The first of {@code candidates} whose weights (and config.json, where recorded) have the recorded SHA-256, or
     * empty when none does or {@code recorded} has no hash. Folders without weights, or that cannot be read, are passed
     * over: they are only places the model might be.
     */
    public static Optional<Path> find(FileIdentity recorded, List<Path> candidates) {
        if (recorded == null || recorded.sha256() == null) {
            return Optional.empty();
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Path candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            Path dir = candidate.toAbsolutePath().normalize();
            if (!seen.add(dir) || !Files.isDirectory(dir)) {
                continue;
            }
            try {
                if (matches(recorded, dir)) {
                    return Optional.of(dir);
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: not the model
            }
        }
        return Optional.empty();
    }

    private static boolean matches(FileIdentity recorded, Path dir) throws IOException {
        if (!SafetensorsCheckpoint.hasWeights(dir)) {
            return false;
        }
        // The config first where the file records it: a few hundred bytes rule most folders out before any weights are read.
        Path config = ModelFiles.config(dir);
        if (recorded.configSha256() != null
                && !(Files.isRegularFile(config) && recorded.configSha256().equals(FileIdentity.sha256(config)))) {
            return false;
        }
        return recorded.sha256().equals(FileIdentity.ofAll(String.valueOf(dir.getFileName()),
                ModelFiles.requireWeights(dir)).sha256());
    }
}
