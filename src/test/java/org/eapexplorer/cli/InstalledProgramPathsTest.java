package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped files an installed program needs, found from another working directory: the program's classes run
 * from an "install" folder holding assets/ beside them (as lib/app/ of the image holds them beside the jar), in a
 * separate JVM whose working directory has no assets/ at all.
 */
class InstalledProgramPathsTest {

    @TempDir
    Path dir;

    @Test
    void randomModelFindsTheShippedGpt2TokenizerFromAnotherWorkingDirectory() throws Exception {
        Path app = installedCopy();
        Files.createDirectories(app.resolve("assets/tokenizers"));
        Files.createSymbolicLink(app.resolve("assets/tokenizers/gpt2"), Path.of("assets", "tokenizers", "gpt2").toAbsolutePath());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path out = dir.resolve("random");
        Ran ran = run(app, elsewhere, "random-model", "--out", out.toString(),
                "--layers", "1", "--heads", "1", "--d-model", "8", "--positions", "8");
        assertEquals(0, ran.code(), ran.output());
        assertTrue(Files.isRegularFile(out.resolve("vocab.json")), ran.output());
        assertEquals(Files.readString(Path.of("assets/tokenizers/gpt2/vocab.json")), Files.readString(out.resolve("vocab.json")));
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertEquals("", left.map(Path::toString).collect(Collectors.joining()), "nothing written into the working directory");
        }
    }

    /** Issue 26: the installed program said "not a directory" for --model induction-2l, and nothing said where it was. */
    @Test
    void theShippedModelAndPromptsAreTakenByNameAndListedFromAnotherWorkingDirectory() throws Exception {
        Path app = installedCopy();
        Files.createDirectories(app.resolve("assets/models"));
        Files.createSymbolicLink(app.resolve("assets/models/induction-2l"), Path.of("assets", "models", "induction-2l").toAbsolutePath());
        Files.createSymbolicLink(app.resolve("sample-prompts"), Path.of("sample-prompts").toAbsolutePath());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Ran list = run(app, elsewhere, "list");
        assertEquals(0, list.code(), list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.strip().equals("induction-2l  " + app.resolve("assets/models/induction-2l"))),
                list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.strip().matches("induction\\.jsonl +" + app.resolve("sample-prompts/induction.jsonl"))),
                list.output());

        Path out = dir.resolve("scores.json");
        Ran score = run(app, elsewhere, "score", "--model", "induction-2l", "--prompts", "induction.jsonl", "--out", out.toString());
        assertEquals(0, score.code(), score.output());
        assertTrue(Files.readString(out).contains("\"metric_clean\": 14.2774"), score.output());

        Ran unknown = run(app, elsewhere, "score", "--model", "assets/models/induction-3l", "--prompts", "induction.jsonl", "--out", out.toString());
        assertEquals(2, unknown.code(), unknown.output());
        assertTrue(unknown.output().contains("assets/models/induction-3l: no such file or folder, and no shipped model of that name "
                + "(expected a model folder or one of the shipped models: induction-2l)"), unknown.output());
    }

    /** A copy of the program's classes in an "install" folder, lib/app/classes, as the image holds its jar in lib/app. */
    private Path installedCopy() throws Exception {
        Path app = Files.createDirectories(dir.resolve("install/lib/app"));
        Path classes = Path.of("target", "classes").toAbsolutePath();
        // A copy, not a link: the class loader resolves links in the class path, which would lead back to the project.
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.toList()) {
                Files.copy(p, app.resolve("classes").resolve(classes.relativize(p).toString()));
            }
        }
        return app;
    }

    private record Ran(int code, String output) {
    }

    /** The launcher in its own JVM, from {@code workingDir}, with the installed copy's classes and the project's libraries. */
    private static Ran run(Path app, Path workingDir, String... args) throws Exception {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        List<String> classPath = new ArrayList<>();
        classPath.add(app.resolve("classes").toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!p.equals(classes) && !p.endsWith(Path.of("target", "test-classes"))) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", String.join(File.pathSeparator, classPath), "org.eapexplorer.Launcher"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS));
        return new Ran(process.exitValue(), output);
    }

    @Test
    void faithfulnessHelpHasItsPercentSignsAndNoPicocliWarning() {
        CliRun run = CliRun.of("faithfulness", "--help");
        assertEquals(0, run.code());
        String help = run.out().replaceAll("\\s+", " ");
        assertFalse(run.err().contains("picocli WARN"), run.err());
        assertTrue(help.contains("at 0.1 % to 100 % of the edges"), help);
    }
}
