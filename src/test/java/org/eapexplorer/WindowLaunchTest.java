package org.eapexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ui} as a script runs it, in a separate JVM: issue 11 item 5 (a failed session or run with --screenshot
 * exits non-zero and writes no PNG) and item 7 (no display: one line saying so and how to run headless).
 */
class WindowLaunchTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String stderr) {
    }

    /** Runs the launcher with {@code args}; {@code headless} draws with Monocle as the tests do, else with no display at all. */
    private Outcome launch(boolean headless, String... args) throws IOException, InterruptedException {
        return launch(List.of(), headless, args);
    }

    private Outcome launch(List<String> jvmOptions, boolean headless, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        if (headless) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "ui"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the window did not exit");
        return new Outcome(p.exitValue(), Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aSessionThatCannotBeOpenedGivesNoScreenshotAndAFailingExit() throws Exception {
        Path bad = dir.resolve("bad.eap.json");
        Files.writeString(bad, "{\"format\": \"eap-explorer-session\", \"version\": 2, \"scores\": [0.1, ");
        Path png = dir.resolve("out.png");
        Outcome o = launch(true, "--session", bad.toString(), "--screenshot", png.toString());
        assertNotEquals(0, o.exitCode(), o.stderr());
        assertFalse(Files.exists(png), "a PNG of an empty window was written");
        assertTrue(o.stderr().contains("no screenshot written"), o.stderr());
    }

    @Test
    void aRunThatFailsGivesNoScreenshotAndAFailingExit() throws Exception {
        Path notAModel = Files.createDirectories(dir.resolve("not-a-model"));
        Path prompts = Path.of("src", "test", "resources", "fixtures", "tiny-f32", "prompts.jsonl").toAbsolutePath();
        Path png = dir.resolve("run.png");
        Outcome o = launch(true, "--model", notAModel.toString(), "--prompts", prompts.toString(), "--screenshot", png.toString());
        assertNotEquals(0, o.exitCode(), o.stderr());
        assertFalse(Files.exists(png));
    }

    /** Issue 24 item 3: a run that comes out NaN is a failed run: no PNG, no session of NaN scores, exit 1, and why. */
    @Test
    void aNaNRunGivesNoScreenshotNoSessionAndAFailingExit() throws Exception {
        Path model = org.eapexplorer.engine.NanModel.write(dir.resolve("nan-model"));
        Path png = dir.resolve("nan.png");
        Path session = dir.resolve("nan.eap.json");
        Outcome o = launch(true, "--model", model.toString(), "--prompts", org.eapexplorer.engine.NanModel.prompts(model).toString(),
                "--screenshot", png.toString(), "--save-session", session.toString());
        assertEquals(1, o.exitCode(), o.stderr());
        assertFalse(Files.exists(png), "a PNG of a NaN run was written");
        assertFalse(Files.exists(session), "a session of a NaN run was written");
        // The line that says no picture was made says why (Monocle may print a shutdown trace after it: not ours).
        assertTrue(o.stderr().contains("error: no session written to " + session + ": there is no result (EAP failed: the clean run's"),
                o.stderr());
        assertTrue(o.stderr().lines().anyMatch(l -> l.startsWith("error: no screenshot written: the EAP run failed (EAP failed: "
                + "the clean run's logit_diff is NaN for 7 of 7 prompt pairs")), o.stderr());
    }

    /** Issue 24 item 10: a bad option of the window is one line, the reason, not the reason above the usage. */
    @Test
    void aBadOptionIsOneLineWithTheReason() throws Exception {
        for (String[] args : new String[][] {{"--bogus"}, {"--top", "x"}, {"--size", "1e400x300"}, {"--prompts", "p.jsonl"}}) {
            Outcome o = launch(false, args);
            assertEquals(2, o.exitCode(), o.stderr());
            List<String> lines = o.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), o.stderr());
            assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).endsWith("(see 'eap-explorer ui --help')"), lines.get(0));
        }
    }

    /**
     * Issue 24 item 9: a 400 MB libtorch.txt (sparse) kept the window from opening in a small heap, since it was read
     * whole; now it is passed over, and the window opens, computes and takes its picture in 96 MB.
     */
    @Test
    void aHugeSettingsFileDoesNotKeepTheWindowFromOpening() throws Exception {
        Path settings = Files.createDirectories(dir.resolve("config").resolve("eap-explorer"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(settings.resolve("libtorch.txt").toFile(), "rw")) {
            f.setLength(400L << 20);
        }
        Path prompts = Path.of("src", "test", "resources", "fixtures", "tiny-f32", "prompts.jsonl").toAbsolutePath();
        Path png = dir.resolve("opened.png");
        Outcome o = launch(List.of("-Xmx96m"), true, "--model", prompts.getParent().toString(), "--prompts", prompts.toString(),
                "--device", "cpu", "--screenshot", png.toString());
        assertEquals(0, o.exitCode(), o.stderr());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void noDisplayIsOneLineThatSaysHowToRunHeadless() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        Outcome o = launch(false);
        assertNotEquals(0, o.exitCode());
        List<String> lines = o.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), o.stderr());
        assertTrue(lines.get(0).contains("no display") && lines.get(0).contains("xvfb-run"), lines.get(0));
    }

    @Test
    void aDisplayOrHeadlessDrawingNeedsNoWarning() {
        assertTrue(Launcher.missingDisplay("Linux", Map.of("DISPLAY", ":0"), null).isEmpty());
        assertTrue(Launcher.missingDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null).isEmpty());
        assertTrue(Launcher.missingDisplay("Linux", Map.of(), "Monocle").isEmpty());
        assertTrue(Launcher.missingDisplay("Mac OS X", Map.of(), null).isEmpty());
        assertTrue(Launcher.missingDisplay("Linux", Map.of(), null).isPresent());
    }

    @Test
    void thePackagedLauncherIsNamedInTheNoDisplayMessageNotJavaJar() {
        // jpackage's launcher sets jpackage.app-path; its user has no java -jar to run (jlink/README.md).
        String launcher = "/opt/eap-explorer/bin/eap-explorer";
        System.setProperty("jpackage.app-path", launcher);
        try {
            String message = Launcher.missingDisplay("Linux", Map.of(), null).orElseThrow();
            assertTrue(message.contains("xvfb-run -a " + launcher + " ui --screenshot"), message);
            assertTrue(message.contains("(" + launcher + " --help)"), message);
            assertFalse(message.contains("java -jar"), message);
        } finally {
            System.clearProperty("jpackage.app-path");
        }
        assertTrue(Launcher.missingDisplay("Linux", Map.of(), null).orElseThrow().contains("java -jar eap-explorer.jar"));
    }
}
