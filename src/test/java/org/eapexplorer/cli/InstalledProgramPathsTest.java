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
        Path app = Files.createDirectories(dir.resolve("install/lib/app"));
        Path classes = Path.of("target", "classes").toAbsolutePath();
        // A copy, not a link: the class loader resolves links in the class path, which would lead back to the project.
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.toList()) {
                Files.copy(p, app.resolve("classes").resolve(classes.relativize(p).toString()));
            }
        }
        Files.createDirectories(app.resolve("assets/tokenizers"));
        Files.createSymbolicLink(app.resolve("assets/tokenizers/gpt2"), Path.of("assets", "tokenizers", "gpt2").toAbsolutePath());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        List<String> classPath = new ArrayList<>();
        classPath.add(app.resolve("classes").toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!p.equals(classes) && !p.endsWith(Path.of("target", "test-classes"))) {
                classPath.add(entry);
            }
        }
        Path out = dir.resolve("random");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, classPath), "org.eapexplorer.Launcher", "random-model", "--out", out.toString(),
                "--layers", "1", "--heads", "1", "--d-model", "8", "--positions", "8")
                .directory(elsewhere.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.isRegularFile(out.resolve("vocab.json")), output);
        assertEquals(Files.readString(Path.of("assets/tokenizers/gpt2/vocab.json")), Files.readString(out.resolve("vocab.json")));
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertEquals("", left.map(Path::toString).collect(Collectors.joining()), "nothing written into the working directory");
        }
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
