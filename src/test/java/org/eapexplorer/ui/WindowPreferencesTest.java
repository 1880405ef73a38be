package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, item 2: the window's size, position and split are remembered; a damaged file gives the defaults. */
class WindowPreferencesTest {

    @TempDir
    Path dir;

    private static final WindowBounds.Area LAPTOP = new WindowBounds.Area(0, 0, 1366, 728);

    @Test
    void whatIsSavedIsLoadedBack() throws Exception {
        WindowPreferences prefs = new WindowPreferences(dir.resolve("config/eap-explorer/window.properties"));
        assertEquals(WindowPreferences.Remembered.NOTHING, prefs.load(), "nothing saved yet");
        prefs.save(new WindowPreferences.Remembered(40, 30, 1100, 700, 0.42));
        WindowPreferences.Remembered r = prefs.load();
        assertEquals(new WindowPreferences.Remembered(40, 30, 1100, 700, 0.42), r);
        assertTrue(r.hasSize() && r.hasPosition() && r.hasGraphShare());
    }

    @Test
    void anUnreadableOrDamagedFileGivesTheDefaults() throws Exception {
        Path file = dir.resolve("window.properties");
        Files.write(file, new byte[] {(byte) 0xFF, '\\', 'u', 'Z', 'Z', '\n'});
        WindowPreferences.Remembered r = new WindowPreferences(file).load();
        assertFalse(r.hasSize() || r.hasPosition() || r.hasGraphShare(), r.toString());
        Files.writeString(file, "width=wide\nheight=NaN\ngraphShare=1.7\nx=12\n");
        r = new WindowPreferences(file).load();
        assertFalse(r.hasSize(), r.toString());
        assertFalse(r.hasGraphShare(), "a share outside (0, 1) is not a split: " + r);
        assertFalse(r.hasPosition(), "x without y: " + r);
        Path folder = Files.createDirectory(dir.resolve("a-folder.properties"));
        assertEquals(WindowPreferences.Remembered.NOTHING, new WindowPreferences(folder).load());
    }

    @Test
    void theWindowOpensAtASizeThatFitsTheScreen() {
        WindowBounds b = WindowBounds.opening(WindowPreferences.Remembered.NOTHING, Double.NaN, Double.NaN, LAPTOP, List.of(LAPTOP));
        assertEquals(1280, b.width());
        assertEquals(728, b.height(), "800 px do not fit a 728 px high screen");
        assertFalse(b.hasPosition(), "no remembered position: centred");
        WindowBounds big = WindowBounds.opening(new WindowPreferences.Remembered(10, 10, 2400, 1500, 0.5), Double.NaN, Double.NaN,
                LAPTOP, List.of(LAPTOP));
        assertEquals(1366, big.width());
        assertEquals(728, big.height());
    }

    @Test
    void theRememberedSizeAndPositionAreUsedWhileOnAScreen() {
        WindowPreferences.Remembered left = new WindowPreferences.Remembered(100, 50, 1000, 640, 0.5);
        WindowBounds b = WindowBounds.opening(left, Double.NaN, Double.NaN, LAPTOP, List.of(LAPTOP));
        assertEquals(new WindowBounds(100, 50, 1000, 640), b);
        WindowPreferences.Remembered onUnpluggedMonitor = new WindowPreferences.Remembered(2000, 50, 1000, 640, 0.5);
        WindowBounds moved = WindowBounds.opening(onUnpluggedMonitor, Double.NaN, Double.NaN, LAPTOP, List.of(LAPTOP));
        assertFalse(moved.hasPosition(), "a position on no screen would hide the window: " + moved);
        assertEquals(1000, moved.width());
    }

    @Test
    void sizeOnTheCommandLineWins() {
        WindowPreferences.Remembered left = new WindowPreferences.Remembered(100, 50, 1000, 640, 0.5);
        WindowBounds b = WindowBounds.opening(left, 1280, 800, LAPTOP, List.of(LAPTOP));
        assertEquals(1280, b.width());
        assertEquals(800, b.height());
    }

    /** Issue 26, item 7: a window a window manager opened at 200 × 200 is not remembered at that size, nor reopened so. */
    @Test
    void aSizeBelowTheWindowsMinimumIsNeitherRememberedNorUsed() throws Exception {
        WindowPreferences prefs = new WindowPreferences(dir.resolve("window.properties"));
        prefs.save(new WindowPreferences.Remembered(40, 30, 200, 200, 0.42));
        WindowPreferences.Remembered r = prefs.load();
        assertFalse(r.hasSize(), "200 x 200 is below the window's minimum: " + r);
        assertTrue(r.hasPosition() && r.hasGraphShare(), "position and split are still remembered: " + r);
        WindowBounds b = WindowBounds.opening(new WindowPreferences.Remembered(40, 30, 200, 200, 0.42), Double.NaN, Double.NaN,
                LAPTOP, List.of(LAPTOP));
        assertEquals(1280, b.width(), "a remembered 200 x 200 opens at the default size");
        assertTrue(b.width() >= WindowPreferences.MIN_WIDTH && b.height() >= WindowPreferences.MIN_HEIGHT, b.toString());
        WindowBounds asked = WindowBounds.opening(new WindowPreferences.Remembered(40, 30, 200, 200, 0.42), 1280, 800, LAPTOP,
                List.of(LAPTOP));
        assertEquals(new WindowBounds(Double.NaN, Double.NaN, 1280, 800), asked, "ui --size wins over what was remembered");
    }
}
