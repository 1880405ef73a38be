package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shipped inputs by name: found beside the program, an existing path always wins, an unknown name lists the shipped. */
class ShippedFilesTest {

    @TempDir
    Path dir;

    private ShippedFiles install() throws Exception {
        Path app = dir.resolve("opt/lib/app");
        Files.createDirectories(app.resolve("assets/models/tiny"));
        Files.writeString(app.resolve("assets/models/tiny/config.json"), "{}");
        Files.createDirectories(app.resolve("assets/models/not-a-model"));
        Files.createDirectories(app.resolve("sample-prompts"));
        Files.writeString(app.resolve("sample-prompts/b.jsonl"), "");
        Files.writeString(app.resolve("sample-prompts/a.jsonl"), "");
        Files.writeString(app.resolve("sample-prompts/README.md"), "");
        Files.createDirectories(app.resolve("assets/groundtruth"));
        Files.writeString(app.resolve("assets/groundtruth/t.json"), "{}");
        return new ShippedFiles(new InstallRoots(List.of(dir.resolve("empty-working-dir"), app)));
    }

    @Test
    void listsEachKindByNameWithItsPath() throws Exception {
        ShippedFiles shipped = install();
        Path app = dir.resolve("opt/lib/app");
        assertEquals(List.of("tiny"), List.copyOf(shipped.list(ShippedFiles.Kind.MODEL).keySet()));
        assertEquals(app.resolve("assets/models/tiny"), shipped.list(ShippedFiles.Kind.MODEL).get("tiny"));
        assertEquals(List.of("a.jsonl", "b.jsonl"), List.copyOf(shipped.list(ShippedFiles.Kind.PROMPTS).keySet()));
        assertEquals(List.of("t.json"), List.copyOf(shipped.list(ShippedFiles.Kind.GROUND_TRUTH).keySet()));
    }

    @Test
    void aNameOrAPlaceBesideTheProgramIsTheShippedFile() throws Exception {
        ShippedFiles shipped = install();
        Path app = dir.resolve("opt/lib/app");
        assertEquals(app.resolve("assets/models/tiny"), shipped.resolve(ShippedFiles.Kind.MODEL, "tiny"));
        assertEquals(app.resolve("assets/models/tiny"), shipped.resolve(ShippedFiles.Kind.MODEL, "assets/models/tiny"));
        assertEquals(app.resolve("sample-prompts/a.jsonl"), shipped.resolve(ShippedFiles.Kind.PROMPTS, "a.jsonl"));
        assertEquals(app.resolve("sample-prompts/b.jsonl"), shipped.resolve(ShippedFiles.Kind.PROMPTS, "sample-prompts/b.jsonl"));
        assertEquals(app.resolve("assets/groundtruth/t.json"), shipped.resolve(ShippedFiles.Kind.GROUND_TRUTH, "t.json"));
    }

    @Test
    void anExistingPathWinsOverAShippedFileOfTheSameName() throws Exception {
        ShippedFiles shipped = install();
        Files.writeString(dir.resolve("opt/lib/app/sample-prompts/induction.jsonl"), "");
        // Relative to the working directory (the project, in tests), where sample-prompts/induction.jsonl exists.
        assertEquals(Path.of("sample-prompts/induction.jsonl"),
                shipped.resolve(ShippedFiles.Kind.PROMPTS, "sample-prompts/induction.jsonl"));
        Path mine = Files.writeString(dir.resolve("a.jsonl"), "");
        assertEquals(mine, shipped.resolve(ShippedFiles.Kind.PROMPTS, mine.toString()));
    }

    @Test
    void anUnknownNameIsRefusedListingTheShippedNames() throws Exception {
        ShippedFiles shipped = install();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shipped.resolve(ShippedFiles.Kind.MODEL, "huge"));
        assertEquals("huge: no such file or folder, and no shipped model of that name (expected a model folder or one of the "
                + "shipped models: tiny)", e.getMessage());
        // A folder without config.json is no shipped model, by name or by place.
        assertThrows(IllegalArgumentException.class, () -> shipped.resolve(ShippedFiles.Kind.MODEL, "not-a-model"));
        assertThrows(IllegalArgumentException.class, () -> shipped.resolve(ShippedFiles.Kind.MODEL, "assets/models/not-a-model"));
        e = assertThrows(IllegalArgumentException.class, () -> shipped.resolve(ShippedFiles.Kind.PROMPTS, "c.jsonl"));
        assertEquals("c.jsonl: no such file or folder, and no shipped prompt set of that name (expected a prompt file or one of "
                + "the shipped prompt sets: a.jsonl, b.jsonl)", e.getMessage());
    }
}
