package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.runtime.LibtorchChoice;
import org.eapexplorer.ui.run.LibtorchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File → Use a libtorch folder…: the setting's rules, on the window's own state (whose status line says what
 * happened); the folder chooser itself is the platform's and is not driven here.
 */
class LibtorchSettingTest extends WindowTest {

    @TempDir
    Path dir;

    private String status() throws Exception {
        return WindowFixture.fx(() -> app.context.models().state().statusProperty().get());
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WindowFixture.fx(action);
    }

    /** A pip-installed CUDA torch 2.7.1: torch/version.py and torch/lib/libtorch.so (+ libtorch_cuda.so). */
    private Path pipTorch(String name, String version) throws Exception {
        Path torch = Files.createDirectories(dir.resolve(name).resolve("torch"));
        Files.writeString(torch.resolve("version.py"), "__version__ = '" + version + "'\ncuda = '12.8'\n");
        Path lib = Files.createDirectories(torch.resolve("lib"));
        Files.write(lib.resolve(System.mapLibraryName("torch")), new byte[1]);
        Files.write(lib.resolve(System.mapLibraryName("torch_cuda")), new byte[1]);
        return lib;
    }

    private LibtorchViewModel model() {
        return new LibtorchViewModel(app.context.models().state(), dir.resolve("config").resolve("libtorch.txt"));
    }

    @Test
    void aCheckedFolderIsRememberedAndLoadedAtTheNextStart() throws Exception {
        Path lib = pipTorch("pip", "2.7.1+cu128");
        assertTrue(fx(() -> model().use(lib)));
        assertTrue(status().contains("from the next start"), status());

        LibtorchChoice next = fx(() -> model().chooseAtStart(null, Map.of(), null));  // a new window reads the file again
        assertEquals(lib.toAbsolutePath().normalize(), next.folder().orElseThrow().lib());
        assertEquals("cu128", next.flavor());
        assertEquals("the window's libtorch setting", next.origin());
    }

    @Test
    void aFolderDjlCouldNotUseIsRefusedAndNothingIsRemembered() throws Exception {
        Path old = pipTorch("old", "2.5.1+cu124");
        assertFalse(fx(() -> model().use(old)));
        assertTrue(status().contains("2.5.1") && status().contains("2.7.1"),
                status());
        assertEquals(Optional.empty(), model().saved());
        assertEquals(LibtorchChoice.bundled(), fx(() -> model().chooseAtStart(null, Map.of(), null)));
    }

    @Test
    void aRememberedFolderThatIsGoneIsPassedOverWithTheReasonAndTheWindowStillOpens() throws Exception {
        Path lib = pipTorch("moved", "2.7.1+cu128");
        assertTrue(fx(() -> model().use(lib)));
        Files.walk(dir.resolve("moved")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        assertEquals(LibtorchChoice.bundled(), fx(() -> model().chooseAtStart(null, Map.of(), null)));
        String said = status();
        assertTrue(said.contains(lib.toAbsolutePath().normalize().toString()) && said.contains("passed over"), said);
    }

    @Test
    void theOptionAndTheEnvironmentWinOverTheSettingAndUseBundledForgetsIt() throws Exception {
        Path setting = pipTorch("setting", "2.7.1+cu128");
        Path env = pipTorch("env", "2.7.1+cu128");
        Path option = pipTorch("option", "2.7.1+cu128");
        LibtorchViewModel model = model();
        assertTrue(fx(() -> model.use(setting)));
        assertEquals("--libtorch", fx(() -> model.chooseAtStart(option, Map.of(LibtorchChoice.ENV, env.toString()), null)).origin());
        assertEquals(LibtorchChoice.ENV, fx(() -> model.chooseAtStart(null, Map.of(LibtorchChoice.ENV, env.toString()), null)).origin());

        WindowFixture.fxRun(model::useBundled);
        assertEquals(Optional.empty(), model.saved());
        assertEquals(LibtorchChoice.bundled(), fx(() -> model.chooseAtStart(null, Map.of(), null)));
    }

    @Test
    void uiLibtorchIsCheckedWithTheOtherOptions() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.eapexplorer.UiOptions.parse(List.of("--libtorch", empty.toString())));
        assertTrue(e.getMessage().startsWith("--libtorch " + empty), e.getMessage());
        Path lib = pipTorch("ok", "2.7.1+cu128");
        assertEquals(lib, org.eapexplorer.UiOptions.parse(List.of("--libtorch", lib.toString())).libtorch());
    }

    @Test
    void theWindowKeepsTheSettingBesideItsOtherSettings() throws Exception {
        Path lib = pipTorch("window", "2.7.1+cu128");
        LibtorchViewModel window = app.context.models().libtorch();
        assertTrue(fx(() -> window.use(lib)));
        Path file = tempDir.resolve("libtorch.txt");
        assertEquals(lib.toAbsolutePath().normalize().toString(), Files.readString(file).strip());
        WindowFixture.fxRun(window::useBundled);
        assertFalse(Files.exists(file));
    }
}
