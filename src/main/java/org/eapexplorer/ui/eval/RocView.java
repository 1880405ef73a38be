package org.eapexplorer.ui.eval;

import java.io.File;
import java.util.function.Supplier;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.patching.ChartCanvas;
import org.eapexplorer.ui.patching.CurveView;

/** The ROC curves of EAP and ACDC against a reference circuit (Figure 2), with the current threshold's point. */
public final class RocView extends BorderPane {

    private final ChartCanvas chart;
    private final Label description = new Label();

    public RocView(AppState state, EvalViewModel model, Supplier<Window> owner, ErrorReporter errors) {
        setId("rocView");
        chart = new ChartCanvas((c, w, h) -> RocPainter.paint(c, model.rocFigure(), w, h));
        model.rocProperty().addListener(o -> chart.invalidate());
        model.nodeRocProperty().addListener(o -> chart.invalidate());
        model.rocCursorProperty().addListener(o -> chart.invalidate());
        model.rocPointProperty().addListener(o -> chart.invalidate());
        model.acdcCurvesProperty().addListener(o -> chart.invalidate());
        model.rocProblemProperty().addListener(o -> chart.invalidate());
        model.setCurvesProperty().addListener(o -> chart.invalidate());

        Button load = new Button("Load truth…");
        load.setId("loadTruthButton");
        load.disableProperty().bind(state.resultProperty().isNull());
        load.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Reference circuit (ground-truth JSON)");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Ground truth (*.json)", "*.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            // The shipped circuits, found beside an installed program's jar as well as in the working directory.
            org.eapexplorer.ui.run.InstallLocations.detect().groundTruthFolder()
                    .ifPresent(dir -> chooser.setInitialDirectory(dir.toAbsolutePath().toFile()));
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
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export ROC curve", "roc", state, owner, errors,
                model::exportRoc);
        export.disableProperty().bind(model.rocProperty().isNull());
        HBox bar = new HBox(6, load, convention, nodes, export, description);
        bar.getStyleClass().add("graph-toolbar");
        CircuitChooser found = new CircuitChooser("ACDC circuit:", "acdcCircuit", model::show);
        model.acdcSweepsProperty().addListener((obs, old, sweeps) -> found.setCircuits(model.acdcCircuits()));
        setTop(new VBox(bar, acdcBar(state, model, errors), found.row()));
        setCenter(chart);
    }

    /** ACDC beside EAP: thresholds τ, which score to minimise, Run and Cancel. */
    private static HBox acdcBar(AppState state, EvalViewModel model, ErrorReporter errors) {
        TextField taus = new TextField(AcdcScoreChoice.format(AcdcSweep.DEFAULT_TAUS));
        taus.setId("acdcTausField");
        ToolbarRow.fitToText(taus, 12);
        taus.setTooltip(new Tooltip("ACDC thresholds τ, separated by commas: one circuit each"));
        ComboBox<AcdcScoreChoice> score = new ComboBox<>();
        score.setId("acdcScoreBox");
        score.getItems().setAll(AcdcScoreChoice.values());
        score.setValue(AcdcScoreChoice.BOTH);
        Button run = new Button("Run ACDC");
        run.setId("runAcdcButton");
        run.disableProperty().bind(state.resultProperty().isNull().or(state.jobProperty().isNotNull()));
        run.setOnAction(e -> {
            try {
                model.computeAcdc(AcdcSweep.parseTaus(taus.getText()), score.getValue().scores());
            } catch (IllegalArgumentException ex) {
                errors.report("ACDC: bad thresholds", ex);
            }
        });
        // The fields show what the sweeps on screen were run with, also when a session brought them back.
        model.acdcSweepsProperty().addListener((obs, old, sweeps) -> {
            if (!sweeps.isEmpty()) {
                taus.setText(AcdcScoreChoice.format(sweeps.get(0).taus()));
                score.setValue(AcdcScoreChoice.of(sweeps.stream().map(AcdcSweep::score).toList()));
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(state.jobProperty().isNull());
        return new ToolbarRow("one ACDC search per τ, one ROC point each", new Label("ACDC τ:"), taus, score, run, cancel);
    }
}
