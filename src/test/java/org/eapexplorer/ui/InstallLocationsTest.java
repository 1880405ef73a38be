package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RecentModels;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallLocationsTest {

    @Test
    void findsTheBuiltInModelAndTheSamplePromptsUnderAnyRoot(@TempDir Path empty, @TempDir Path install) throws Exception {
        Files.createDirectories(install.resolve("assets/models/induction-2l"));
        Files.writeString(install.resolve("assets/models/induction-2l/config.json"), "{}");
        Files.createDirectories(install.resolve("sample-prompts"));
        Files.writeString(install.resolve("sample-prompts/induction.jsonl"), "");
        Files.writeString(install.resolve("sample-prompts/ioi.jsonl"), "");
        Files.writeString(install.resolve("sample-prompts/README.md"), "");

        InstallLocations locations = new InstallLocations(List.of(empty, install));
        RunRequest run = locations.defaultRun().orElseThrow();
        assertEquals(install.resolve("assets/models/induction-2l"), run.modelDir());
        assertEquals(install.resolve("sample-prompts/induction.jsonl"), run.promptFile());
        assertEquals(List.of("induction.jsonl", "ioi.jsonl"), List.copyOf(locations.samplePrompts().keySet()));
        assertTrue(new InstallLocations(List.of(empty)).defaultRun().isEmpty(), "no built-in model: the empty state");
    }

    @Test
    void theRocTabsGroundTruthFolderIsFoundBesideTheInstalledProgram(@TempDir Path workingDir, @TempDir Path install) throws Exception {
        Files.createDirectories(install.resolve("assets/groundtruth"));
        assertEquals(install.resolve("assets/groundtruth"), new InstallLocations(List.of(workingDir, install)).groundTruthFolder().orElseThrow());
        assertTrue(new InstallLocations(List.of(workingDir)).groundTruthFolder().isEmpty());
    }

    @Test
    void recentModelsAreNewestFirstWithoutDuplicatesAndSkipVanishedDirectories(@TempDir Path dir) throws Exception {
        RecentModels recent = new RecentModels(dir.resolve("config/recent.txt"));
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        recent.remember(a);
        recent.remember(b);
        recent.remember(c);
        recent.remember(a);
        assertEquals(List.of(a, c, b), recent.list());
        Files.delete(b);
        assertEquals(List.of(a, c), recent.list());
        for (int i = 0; i < RecentModels.LIMIT + 3; i++) {
            recent.remember(Files.createDirectories(dir.resolve("m" + i)));
        }
        assertEquals(RecentModels.LIMIT, recent.list().size());
    }
}
