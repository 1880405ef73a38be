package org.eapexplorer.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.eapexplorer.ui.ErrorReporter;

/** The Export menu: asks for a file (and a PNG scale) and hands the work to the {@link ExportViewModel}. */
public final class ExportMenu extends Menu {

    private static final List<String> SCALES = List.of("1×", "2×", "3×", "4×");

    private final ExportViewModel viewModel;
    private final Supplier<Window> owner;
    private final ErrorReporter errors;
    private File lastDir;

    public ExportMenu(ExportViewModel viewModel, Supplier<Window> owner, ErrorReporter errors) {
        super("Export");
        this.viewModel = viewModel;
        this.owner = owner;
        this.errors = errors;
        getItems().addAll(
                item("Graph as PNG…", "circuit.png", "PNG image", "*.png", true, false),
                item("Graph as SVG…", "circuit.svg", "SVG image", "*.svg", false, false),
                item("Circuit as JSON…", "circuit.json", "EAP-IG graph JSON", "*.json", false, false),
                item("Circuit as DOT…", "circuit.dot", "Graphviz DOT", "*.dot", false, false),
                item("All edge scores as CSV…", "scores.csv", "CSV", "*.csv", false, false),
                item("Histogram as PNG…", "histogram.png", "PNG image", "*.png", true, true),
                item("Histogram as SVG…", "histogram.svg", "SVG image", "*.svg", false, true));
        setOnShowing(e -> getItems().forEach(i -> i.setDisable(!viewModel.hasCircuit())));
    }

    private MenuItem item(String text, String defaultName, String description, String pattern, boolean askScale,
                          boolean histogram) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.replace("…", ""));
            chooser.setInitialFileName(defaultName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
            if (lastDir != null && lastDir.isDirectory()) {
                chooser.setInitialDirectory(lastDir);
            }
            File file = chooser.showSaveDialog(owner.get());
            if (file == null) {
                return;
            }
            lastDir = file.getParentFile();
            double scale = 1;
            if (askScale) {
                ChoiceDialog<String> dialog = new ChoiceDialog<>("2×", SCALES);
                dialog.initOwner(owner.get());
                dialog.setTitle("PNG scale");
                dialog.setHeaderText("Pixels per layout unit");
                Optional<String> chosen = dialog.showAndWait();
                if (chosen.isEmpty()) {
                    return;
                }
                scale = Double.parseDouble(chosen.get().replace("×", ""));
            }
            Path out = withExtension(file.toPath(), pattern.substring(1));
            try {
                if (histogram) {
                    viewModel.exportHistogram(out, scale);
                } else {
                    viewModel.exportCircuit(out, scale);
                }
            } catch (RuntimeException ex) {
                errors.report(text.replace("…", "") + " failed", ex);
            }
        });
        return item;
    }

    /** File dialogs on some desktops drop the extension the filter implies; the exporters choose by it. */
    static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? file : file.resolveSibling(name + extension);
    }
}
