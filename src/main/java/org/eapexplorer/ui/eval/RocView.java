package org.eapexplorer.ui.eval;

import java.io.File;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.patching.ChartCanvas;
import org.eapexplorer.ui.patching.CurveView;

/** The ROC curve of the scores against a reference circuit, with the current threshold's point. */
public final class RocView extends BorderPane {

    private final ChartCanvas chart;
    private final Label description = new Label();

    public RocView(AppState state, EvalViewModel model, Supplier<Window> owner, ErrorReporter errors) {
        setId("rocView");
        chart = new ChartCanvas((c, w, h) -> {
            TruthEdges t = model.truth();
            RocPainter.paint(c, model.roc(), model.nodeRoc(), model.rocCursor(), t == null ? "" : t.source(),
                    model.rocProblemProperty().get(), w, h);
        });
        model.rocProperty().addListener(o -> chart.invalidate());
        model.nodeRocProperty().addListener(o -> chart.invalidate());
        model.rocCursorProperty().addListener(o -> chart.invalidate());
        model.rocProblemProperty().addListener(o -> chart.invalidate());

        Button load = new Button("Load truth…");
        load.setId("loadTruthButton");
        load.disableProperty().bind(state.resultProperty().isNull());
        load.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Reference circuit (ground-truth JSON)");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Ground truth (*.json)", "*.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File groundTruth = new File("assets", "groundtruth");
            if (groundTruth.isDirectory()) {
                chooser.setInitialDirectory(groundTruth.getAbsoluteFile());
            }
            File file = chooser.showOpenDialog(owner.get());
            if (file != null) {
                model.loadTruth(file.toPath());
            }
        });
        ComboBox<RocConvention> convention = new ComboBox<>();
        convention.setId("rocConventionBox");
        convention.getItems().setAll(RocConvention.values());
        convention.setConverter(new StringConverter<>() {
            @Override
            public String toString(RocConvention c) {
                return c == null ? "" : c == RocConvention.ACDC ? "ACDC" : "auto-circuit";
            }

            @Override
            public RocConvention fromString(String s) {
                return null;
            }
        });
        convention.valueProperty().bindBidirectional(model.conventionProperty());
        description.getStyleClass().add("muted");
        description.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            TruthEdges t = model.truth();
            String truth = t == null ? "no reference circuit" : t.source() + " (" + t.edges().cardinality() + " edges)";
            return model.conventionProperty().get().description() + "   ·   " + truth;
        }, model.conventionProperty(), model.truthProperty()));
        CheckBox nodes = new CheckBox("nodes");
        nodes.setId("rocNodesBox");
        nodes.selectedProperty().bindBidirectional(model.showNodesProperty());
        Button export = new Button("Export…");
        export.setOnAction(e -> {
            File file = CurveView.chooser("Export ROC curve", "roc.png").showSaveDialog(owner.get());
            if (file != null) {
                try {
                    model.exportRoc(file.toPath(), 2);
                } catch (RuntimeException ex) {
                    errors.report("Export ROC failed", ex);
                }
            }
        });
        export.disableProperty().bind(model.rocProperty().isNull());
        HBox bar = new HBox(6, load, convention, nodes, export, description);
        bar.getStyleClass().add("graph-toolbar");
        setTop(bar);
        setCenter(chart);
    }
}
