package org.eapexplorer.ui.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eapexplorer.io.FileIdentity;
import org.eapexplorer.io.ModelByIdentity;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreFileMethod;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.io.ScoreMetadataJson;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.ScoreSet;

/**
 * A score file as the window holds a run, and the name its score set gets. The prompt set is the one its metadata
 * names (else the prompt file it records, else the score file itself): figures' captions say "induction.jsonl", not
 * "s.json". The model is the recorded folder while that is a model; where it is not (moved, or written on another
 * machine) the folder among {@code modelFolders} with the recorded SHA-256, so that its ground-truth.json is found too.
 * Hashes weights, so it runs on the file worker.
 *
 * @param result the scores; no model is loaded for them
 * @param name   e.g. "EAP-IG (inputs), 5 steps · induction.jsonl"
 */
record ScoreFileResult(AnalysisResult result, String name) {

    static ScoreFileResult read(Path file, List<Path> modelFolders) throws IOException {
        // Parsed once: the method comes from the same object as the scores (a million-edge JSON file takes seconds).
        ScoreJson.Opened parsed = ScoreJson.open(file);
        ScoreFile read = parsed.file();
        Optional<ScoreMetadata> meta = ScoreMetadataJson.read(file);
        String prompts = meta.map(ScoreMetadata::prompts).map(FileIdentity::name).filter(n -> !n.isBlank())
                .orElseGet(() -> lastName(read.prompts()));
        if (prompts.isBlank()) {
            prompts = file.getFileName().toString();
        }
        Path model = modelOf(file, read, meta.map(ScoreMetadata::model).orElse(null), modelFolders);
        MetricKind metric;
        try {
            metric = MetricKind.fromJsonName(read.metric());
        } catch (RuntimeException e) {
            metric = MetricKind.LOGIT_DIFF;
        }
        AnalysisResult result = new AnalysisResult(model, null, prompts, metric, read.pairs(),
                read.device() == null ? "" : read.device(), read.scores(), read.metricClean(), read.metricCorrupted(),
                read.timingMillis().getOrDefault("load", 0.0), read.timingMillis().getOrDefault("eap", 0.0))
                .withMethod(ScoreFileMethod.of(file, parsed.head()).orElse(null));
        return new ScoreFileResult(result, ScoreSet.nameOf(result.method(), prompts));
    }

    /** The recorded folder while it holds a model, else the one of {@code modelFolders} with the recorded SHA-256, else the recorded path. */
    private static Path modelOf(Path file, ScoreFile read, FileIdentity identity, List<Path> modelFolders) {
        Path recorded = read.model() == null || read.model().isBlank() ? file.toAbsolutePath().getParent() : Path.of(read.model());
        if (SafetensorsCheckpoint.hasWeights(recorded)) {
            return recorded;
        }
        return ModelByIdentity.find(identity, modelFolders).orElse(recorded);
    }

    /** "induction.jsonl" of "/a/b/induction.jsonl" or "a\\b\\induction.jsonl"; "" for null. */
    private static String lastName(String path) {
        return path == null ? "" : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }
}
