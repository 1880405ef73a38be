package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eapexplorer.ui.export.PaletteSetting;
import org.eapexplorer.ui.run.LibtorchViewModel;
import org.eapexplorer.ui.run.RecentModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 9: every settings file of the window is read bounded; one that is too large (sparse, so the test is
 * cheap), or not a text file, gives the defaults and one line naming it, which the window shows in its status line.
 */
class SettingsFilesTest extends WindowTest {

    @TempDir
    Path dir;

    private Path sparse(String name) throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(400L << 20);
        }
        return file;
    }

    @Test
    void a400MegabyteLibtorchSettingIsPassedOverSayingSoInTheStatusLine() throws Exception {
        Path file = sparse("libtorch.txt");
        LibtorchViewModel setting = new LibtorchViewModel(app.state(), file);
        assertEquals(Optional.empty(), WindowFixture.fx(setting::saved));
        String status = WindowFixture.fx(() -> app.state().statusProperty().get());
        assertEquals(file + " is 419430400 bytes, more than a settings file holds (at most 65536); the defaults are used", status);
    }

    @Test
    void theOtherSettingsFilesSayWhyAndGiveTheirDefaults() throws Exception {
        List<String> said = new ArrayList<>();
        assertEquals(WindowPreferences.Remembered.NOTHING, new WindowPreferences(sparse("window.properties")).load(said::add));
        assertEquals(List.of(), new RecentModels(Files.createDirectory(dir.resolve("recent-models.txt"))).list(said::add));
        Path palette = Files.write(dir.resolve("palette.txt"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertEquals(org.eapexplorer.circuit.SignPalette.RED_BLUE, new PaletteSetting(palette).load(said::add));
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.get(0).startsWith(dir.resolve("window.properties") + " is 419430400 bytes"), said.get(0));
        assertTrue(said.get(1).startsWith(dir.resolve("recent-models.txt") + " is a folder"), said.get(1));
        assertTrue(said.get(2).startsWith(palette + " is not UTF-8 text"), said.get(2));
    }
}
