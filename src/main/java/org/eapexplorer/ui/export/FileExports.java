package org.eapexplorer.ui.export;

import java.nio.file.Path;
import java.util.Locale;
import org.eapexplorer.circuit.Caption;
import org.eapexplorer.circuit.ExportFormat;
import org.eapexplorer.circuit.Figure;
import org.eapexplorer.circuit.FigureSize;
import org.eapexplorer.circuit.FigureSpec;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/**
 * Writes the window's exports on the file worker, one way for every view: the status line says what is being
 * written and where it went, a failure reaches the error reporter, figures go through the circuit package's
 * {@link Figure} (PDF, SVG or PNG, with a caption) and text through {@link AtomicFiles}, so nothing half-written is
 * ever left in place.
 */
public final class FileExports {

    /** The work of one export, run on the file worker. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
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

    /**
     * A figure whose natural size is {@code width × height} points, at the size, DPI and caption {@code spec} asks
     * for; {@code body} draws into whatever the caption leaves.
     */
    public JobHandle figure(String title, Path out, FigureSpec spec, double width, double height, Figure.Body body) {
        ExportFormat format = figureFormat(out);
        FigureSize size = spec.size(width, height);
        Caption automatic = FigureCaptions.of(state);
        Figure figure = new Figure(Figure.chart(body), spec.caption(automatic == null ? null : automatic.text()));
        if (format == ExportFormat.PNG && size.pngProblem() != null) {
            throw new IllegalArgumentException(size.pngProblem());
        }
        return write(title, out, () -> figure.write(out, format, size));
    }

    /** The figure format {@code out}'s extension names; data exports (.csv) are not figures. */
    public static ExportFormat figureFormat(Path out) {
        return ExportFormat.forFile(out).filter(ExportFormat::isFigure).orElseThrow(() -> new IllegalArgumentException(
                "Export as .pdf, .png, .svg or .csv, not " + out.getFileName()));
    }

    public JobHandle text(String title, Path out, Text text) {
        return write(title, out, () -> {
            String content = text.get();
            AtomicFiles.writeText(out, w -> w.write(content));
        });
    }

    public JobHandle write(String title, Path out, Write write) {
        state.say(title + " to " + out.getFileName() + "…");
        return compute(title, context -> {
            write.run();
            return out;
        }, value -> state.say("Wrote " + value.toAbsolutePath()));
    }

    /**
     * Any figure work off the FX thread (a GPT-2-sized graph takes seconds to draw): {@code job} on the file worker,
     * {@code done} with its value on the FX thread; a failure reaches the error reporter.
     */
    public <T> JobHandle compute(String title, BackgroundJob<T> job, java.util.function.Consumer<T> done) {
        return files.submit(title, job, new JobListener<T>() {
            @Override
            public void succeeded(T value) {
                done.accept(value);
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
