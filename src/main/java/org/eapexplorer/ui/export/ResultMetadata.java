package org.eapexplorer.ui.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.io.FileIdentity;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.model.ScoreLevel;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.eapexplorer.ui.AnalysisResult;

/**
 * The {@code metadata} block of a score file the window exports, as the {@code score} command writes it: the result's
 * method and steps, the prompt file and model by name and SHA-256, and {@code cfg.d_model} from the model's
 * {@code config.json}. Hashes files, so it runs on the file worker. A session may outlive its files: what can no
 * longer be read is left unknown (null, and no {@code d_model}) rather than failing the export.
 */
final class ResultMetadata {

    private ResultMetadata() {
    }

    static ScoreMetadata of(AnalysisResult r) {
        Path folder = r.modelDir().toAbsolutePath().normalize();
        FileIdentity model = weightsIdentity(folder);
        FileIdentity prompts = r.promptFile() == null ? null : identity(String.valueOf(r.promptFile().getFileName()), r.promptFile());
        int dModel = 0;
        try {
            dModel = ModelFamilies.readConfig(folder.resolve("config.json")).dModel();
        } catch (Exception e) {
            // No config any more (a session whose model moved): EAP-IG then lacks d_model, which the file cannot invent.
        }
        // Steps only for a method that has them, as the score command writes them.
        // A score file opened without EAP Explorer's metadata does not say how it was made: "unknown", not a guess.
        int steps = r.method() != null && r.method().method().usesSteps() ? r.method().steps() : 0;
        return new ScoreMetadata(r.method() == null ? "unknown" : r.method().method().cliName(), steps, ScoreLevel.EDGE.cliName(), dModel, prompts, model,
                org.eapexplorer.io.ProgramVersion.VERSION);
    }

    /** The model's weights (one file or shards), config.json and tokenizer; null when they can no longer be read. */
    private static FileIdentity weightsIdentity(Path folder) {
        try {
            return SafetensorsCheckpoint.hasWeights(folder) ? FileIdentity.ofModel(String.valueOf(folder.getFileName()), folder) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static FileIdentity identity(String name, Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return FileIdentity.of(name, file);
        } catch (IOException e) {
            return null;
        }
    }
}
