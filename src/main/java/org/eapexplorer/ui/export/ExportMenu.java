package org.eapexplorer.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.eapexplorer.circuit.Caption;
import org.eapexplorer.ui.ErrorReporter;

/**
 * The Export menu: the graph and the histogram as figures (through the {@link FigureExportDialog}), the graph
 * copied to the clipboard as PNG, and the circuit's data; the work goes to the {@link ExportViewModel}.
 */
public final class ExportMenu extends Menu {

    private final ExportViewModel viewModel;
    private final Supplier<Window> owner;
    private final ErrorReporter errors;
    private File lastDir;

    public ExportMenu(ExportViewModel viewModel, Supplier<Window> owner, ErrorReporter errors) {
        super("Export");
        this.viewModel = viewModel;
        this.owner = owner;
        this.errors = errors;
        MenuItem graph = figure("Graph figure…", "Export graph", "circuit", false);
        graph.setId("exportGraphFigure");
        MenuItem copy = new MenuItem("Copy graph as PNG");
        copy.setId("copyGraphPng");
        copy.setOnAction(e -> {
            try {
                viewModel.copyGraph();
            } catch (RuntimeException ex) {
                errors.report("Copy graph failed", ex);
            }
        });
        getItems().addAll(graph, copy, figure("Histogram figure…", "Export histogram", "histogram", true),
                new SeparatorMenuItem(),
                data("Circuit as JSON…", "circuit.json", "EAP-IG graph JSON", "*.json"),
                data("Circuit as DOT…", "circuit.dot", "Graphviz DOT", "*.dot"),
                data("All edge scores as CSV…", "scores.csv", "CSV", "*.csv"));
        setOnShowing(e -> getItems().forEach(i -> i.setDisable(!viewModel.hasCircuit())));
    }

    private MenuItem figure(String text, String title, String baseName, boolean histogram) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            Caption automatic = viewModel.automaticCaption();
            new FigureExportDialog(title, false, automatic == null ? null : automatic.text()).ask(owner.get(), baseName, lastDir)
                    .ifPresent(choice -> {
                        lastDir = choice.file().toAbsolutePath().getParent().toFile();
                        try {
                            if (histogram) {
                                viewModel.exportHistogram(choice.file(), choice.spec());
                            } else {
                                viewModel.exportCircuit(choice.file(), choice.spec());
                            }
                        } catch (RuntimeException ex) {
                            errors.report(title + " failed", ex);
                        }
                    });
        });
        return item;
    }

    private MenuItem data(String text, String defaultName, String description, String pattern) {
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
            try {
                viewModel.exportCircuit(withExtension(file.toPath(), pattern.substring(1)), 1);
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
