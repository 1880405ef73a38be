package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eapexplorer.io.FileIdentity;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.ui.export.FigureCaptions;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RunEapJob;
import org.junit.jupiter.api.Test;

/**
 * A score file opened in the window (issue 26, item 5): its figures name the prompt set its metadata records, not the
 * score file; its model is found by SHA-256 where the recorded folder has moved, and with it the model's
 * ground-truth.json.
 */
class OpenedScoreFileTest extends WindowTest {

    @Test
    void aScoreFileOfAMovedModelFindsItByItsSha256AndNamesItsPromptSet() throws Exception {
        // The model lives where the window looks for shipped models; the file names a folder that is gone.
        InstallLocations project = new InstallLocations(java.util.List.of(Path.of("").toAbsolutePath()));
        org.junit.jupiter.api.Assumptions.assumeTrue(project.defaultRun().isPresent(), "no built-in model in this checkout");
        Path moved = tempDir.resolve(InstallLocations.DEFAULT_MODEL);
        Files.createDirectories(moved);
        try (Stream<Path> files = Files.list(project.defaultRun().get().modelDir())) {
            for (Path f : files.toList()) {
                Files.copy(f, moved.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        await(fx(() -> app.models().run().run(new org.eapexplorer.ui.run.RunRequest(moved, project.defaultRun().get().promptFile(),
                org.eapexplorer.runtime.ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        AnalysisResult r = app.state().result();
        Path gone = tempDir.resolve("old-place").resolve("induction-2l");
        Path file = tempDir.resolve("s.json");
        ScoreMetadata meta = new ScoreMetadata("eap", "edge", 32,
                FileIdentity.of("induction.jsonl", r.promptFile()), FileIdentity.ofModel("induction-2l", moved), "test");
        ScoreJson.writeComputed(file, new ScoreFile(gone.toString(), "/home/someone/prompts/induction.jsonl", r.metric().jsonName(),
                r.pairs(), r.deviceDescription(), r.metricClean(), r.metricCorrupted(), Map.of("eap", 1.0), r.scores()), meta);

        // The Model box names another model, so that only the shipped-models folder holds this one.
        WindowFixture.fxRun(() -> app.models().run().chooseModel(WindowFixture.TINY));
        await(fx(() -> app.models().sessions().openScores(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        AnalysisResult opened = app.state().result();
        assertEquals(moved.toAbsolutePath().normalize(), opened.modelDir().toAbsolutePath().normalize(),
                "the model is found by its SHA-256 where the recorded folder is gone");
        assertNotNull(app.models().eval().truth(), "its ground-truth.json is found with it");
        assertEquals(moved.resolve(RunEapJob.GROUND_TRUTH).toAbsolutePath().normalize(),
                app.models().eval().truthFile().toAbsolutePath().normalize());
        assertEquals("induction.jsonl", FigureCaptions.of(opened, null).prompts(), "the caption names the prompt set");
        String set = fx(() -> app.models().compare().sets().current().name());
        assertTrue(set.contains("induction.jsonl"), set);
        assertTrue(app.state().statusProperty().get().contains("induction-2l"), app.state().statusProperty().get());
    }

    @Test
    void withoutMetadataTheRecordedPromptFileNamesThePromptSet() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        Path file = tempDir.resolve("plain.json");
        ScoreJson.write(file, new ScoreFile(r.modelDir().toString(), "/elsewhere/induction.jsonl", r.metric().jsonName(),
                r.pairs(), r.deviceDescription(), r.metricClean(), r.metricCorrupted(), Map.of("eap", 1.0), r.scores()));
        await(fx(() -> app.models().sessions().openScores(file)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertEquals("induction.jsonl", FigureCaptions.of(app.state().result(), null).prompts());
    }
}
