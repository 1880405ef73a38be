package org.eapexplorer.ui;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.io.SettingsText;

/**
 * The window's size, position and graph/charts split, remembered between runs in a small properties file in the
 * user's configuration directory. A missing, unreadable or half-written file gives the defaults: losing a window
 * size is never worth an error at start-up.
 */
public final class WindowPreferences {

    /** What was remembered; NaN where nothing (or nothing sensible) was. */
    public record Remembered(double x, double y, double width, double height, double graphShare) {

        public static final Remembered NOTHING = new Remembered(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        public boolean hasSize() {
            return width >= MIN_WIDTH && height >= MIN_HEIGHT;
        }

        public boolean hasPosition() {
            return Double.isFinite(x) && Double.isFinite(y);
        }

        public boolean hasGraphShare() {
            return graphShare > 0 && graphShare < 1;
        }
    }

    /** The smallest window {@code ui --size} accepts. */
    public static final double MIN_SIZE = 200;
    /** The window's minimum: below it the side bar and the charts no longer fit, so no smaller size is remembered. */
    public static final double MIN_WIDTH = 800;
    public static final double MIN_HEIGHT = 560;

    private final Path file;

    public WindowPreferences(Path file) {
        this.file = file;
    }

    public static WindowPreferences inUserConfig() {
        return new WindowPreferences(ConfigDirectory.user().resolve("window.properties"));
    }

    public Path file() {
        return file;
    }

    public Remembered load() {
        return load(problem -> { });
    }

    /** As {@link #load()}, saying to {@code problems} in one line why a file that is there was not read. */
    public Remembered load(Consumer<String> problems) {
        Properties p = new Properties();
        try {
            Optional<String> text = SettingsText.read(file);
            if (text.isEmpty()) {
                return Remembered.NOTHING;
            }
            p.load(new StringReader(text.get()));
        } catch (IOException e) {
            problems.accept(e.getMessage());
            return Remembered.NOTHING;
        } catch (RuntimeException e) {
            // Properties refuses a malformed unicode escape; the numbers below are checked one by one anyway.
            problems.accept(file + " is not a properties file (" + e.getMessage() + "); the defaults are used");
            return Remembered.NOTHING;
        }
        return new Remembered(number(p, "x"), number(p, "y"), number(p, "width"), number(p, "height"), number(p, "graphShare"));
    }

    public void save(Remembered r) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write("# EAP Explorer's window, written when it closes\n");
            write(w, "x", r.x());
            write(w, "y", r.y());
            // A window left (or opened by a window manager) below the minimum is not a size to come back to.
            if (r.hasSize()) {
                write(w, "width", r.width());
                write(w, "height", r.height());
            }
            write(w, "graphShare", r.graphShare());
        });
    }

    private static void write(java.io.Writer w, String key, double v) throws IOException {
        if (Double.isFinite(v)) {
            w.write(key + "=" + String.format(Locale.ROOT, "%.4f", v) + "\n");
        }
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v.strip());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
