package org.eapexplorer.ui.export;

import java.nio.file.Path;
import java.util.Locale;
import org.eapexplorer.circuit.Bounds;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.PngCanvas;
import org.eapexplorer.circuit.SvgCanvas;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.task.JobHandle;
import org.eapexplorer.task.JobListener;
import org.eapexplorer.task.TaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/**
 * Writes the window's exports on the file worker, one way for every view: the status line says what is being
 * written and where it went, a failure reaches the error reporter, figures go through the circuit package's
 * SVG and PNG canvases and text through {@link AtomicFiles}, so nothing half-written is ever left in place.
 */
public final class FileExports {

    /** The work of one export, run on the file worker. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
    }

    /** Draws a figure on whichever canvas the file's extension asks for. */
    @FunctionalInterface
    public interface Paint {
        void on(GraphCanvas canvas);
    }

    /** Produces the text of a data export, on the file worker. */
    @FunctionalInterface
    public interface Text {
        String get() throws Exception;
    }

    private final AppState state;
    private final TaskExecutor files;
    private final ErrorReporter errors;

    public FileExports(AppState state, TaskExecutor files, ErrorReporter errors) {
        this.state = state;
        this.files = files;
        this.errors = errors;
    }

    public static boolean isCsv(Path out) {
        return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** A figure of {@code width × height} units as .png (at {@code scale} pixels a unit) or .svg, chosen by extension. */
    public JobHandle figure(String title, Path out, double scale, double width, double height, Paint paint) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        Bounds area = new Bounds(0, 0, width, height);
        if (name.endsWith(".svg")) {
            return write(title, out, () -> {
                SvgCanvas svg = new SvgCanvas(area, scale);
                paint.on(svg);
                svg.write(out);
            });
        }
        if (name.endsWith(".png")) {
            return write(title, out, () -> {
                try (PngCanvas png = new PngCanvas(area, scale)) {
                    paint.on(png);
                    png.write(out);
                }
            });
        }
        throw new IllegalArgumentException("Export as .png, .svg or .csv, not " + out.getFileName());
    }

    public JobHandle text(String title, Path out, Text text) {
        return write(title, out, () -> {
            String content = text.get();
            AtomicFiles.writeText(out, w -> w.write(content));
        });
    }

    public JobHandle write(String title, Path out, Write write) {
        state.say(title + " to " + out.getFileName() + "…");
        return files.submit(title, context -> {
            write.run();
            return out;
        }, new JobListener<Path>() {
            @Override
            public void succeeded(Path value) {
                state.say("Wrote " + value.toAbsolutePath());
            }

            @Override
            public void failed(Throwable error) {
                state.say(title + " failed.");
                errors.report(title + " failed", error);
            }

            @Override
            public void cancelled() {
                state.say(title + " cancelled.");
            }
        });
    }
}
