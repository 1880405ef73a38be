package org.eapexplorer.ui.export;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.stage.Window;
import org.eapexplorer.circuit.Caption;
import org.eapexplorer.circuit.FigureSpec;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/**
 * A view's "Export…" button: the {@link FigureExportDialog} (PDF, SVG, PNG at a size, or the view's numbers as CSV),
 * then the view model's export, so every chart exports the same way and a failure reaches the error reporter.
 */
public final class ExportFigureButton extends Button {

    /** The view model's export, e.g. {@code model::exportCurves}; CSV ignores the spec. */
    @FunctionalInterface
    public interface Target {
        JobHandle export(Path out, FigureSpec spec);
    }

    /** @param baseName the file name offered, without extension */
    public ExportFigureButton(String title, String baseName, AppState state, Supplier<Window> owner, ErrorReporter errors,
                              Target target) {
        super("Export…");
        setOnAction(e -> {
            Caption automatic = FigureCaptions.of(state);
            new FigureExportDialog(title, true, automatic == null ? null : automatic.text())
                    .ask(owner.get(), baseName, null)
                    .ifPresent(choice -> {
                        try {
                            target.export(choice.file(), choice.spec() == null ? FigureSpec.natural(2) : choice.spec());
                        } catch (RuntimeException ex) {
                            errors.report(title + " failed", ex);
                        }
                    });
        });
    }
}
