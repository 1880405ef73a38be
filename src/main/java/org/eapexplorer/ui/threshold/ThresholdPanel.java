package org.eapexplorer.ui.threshold;

import java.text.NumberFormat;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.ThresholdMode;

/** Threshold by top-k or by |score|: a log-scale slider, an exact text field, the count of kept edges, pruning. */
public final class ThresholdPanel extends VBox {

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.ROOT);

    private final AppState state;
    private final CircuitViewModel circuits;
    private final ChoiceBox<ThresholdMode> mode = new ChoiceBox<>();
    private final Slider slider = new Slider(0, 1, 0);
    private final TextField exact = new TextField();
    private final Label kept = new Label();
    private final CheckBox hide = new CheckBox("Hide nodes without a path input → logits");
    private ThresholdScale scale;
    private boolean syncing;

    public ThresholdPanel(AppState state, CircuitViewModel circuits) {
        this.state = state;
        this.circuits = circuits;
        getStyleClass().add("side-section");
        setSpacing(6);

        mode.setId("thresholdMode");
        mode.getItems().setAll(ThresholdMode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(ThresholdMode m) {
                return m == null ? "" : m == ThresholdMode.TOP_K ? "Top k edges" : "|score| ≥";
            }

            @Override
            public ThresholdMode fromString(String s) {
                return null;
            }
        });
        mode.valueProperty().addListener((obs, old, m) -> {
            if (!syncing && m != null && old != m) {
                switchMode(m);
            }
        });
        exact.setId("thresholdField");
        exact.setPrefColumnCount(8);
        exact.setTooltip(new Tooltip("Exact value; press Enter"));
        exact.setOnAction(e -> applyText());
        exact.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                applyText();
            }
        });
        HBox row = new HBox(6, mode, exact);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(exact, Priority.ALWAYS);

        slider.setId("thresholdSlider");
        slider.valueProperty().addListener((obs, old, value) -> {
            if (!syncing && scale != null) {
                state.setThreshold(scale.at(state.threshold().mode(), value.doubleValue()));
            }
        });
        kept.setId("keptCount");
        kept.getStyleClass().add("muted");
        kept.setWrapText(true);
        hide.setId("hideUnconnected");
        hide.setWrapText(true);
        hide.setSelected(state.hideUnconnected());
        hide.selectedProperty().addListener((obs, old, on) -> {
            if (on != state.hideUnconnected()) {
                state.setHideUnconnected(on);
            }
        });
        state.hideUnconnectedProperty().addListener((obs, old, on) -> hide.setSelected(on));

        Label title = new Label("Threshold");
        title.getStyleClass().add("section-title");
        getChildren().addAll(title, row, slider, kept, hide);

        circuits.rankingProperty().addListener((obs, old, r) -> {
            scale = r == null ? null : new ThresholdScale(r);
            sync();
        });
        circuits.circuitProperty().addListener(o -> sync());
        state.thresholdProperty().addListener(o -> sync());
        disableProperty().bind(circuits.rankingProperty().isNull());
        if (circuits.ranking() != null) {
            scale = new ThresholdScale(circuits.ranking());
        }
        sync();
    }

    private void switchMode(ThresholdMode m) {
        ScoreRanking r = circuits.ranking();
        if (r == null) {
            state.setThreshold(m == ThresholdMode.TOP_K ? Threshold.topK(Threshold.DEFAULT_TOP_K) : Threshold.score(0));
            return;
        }
        // Keep the same edges across the switch: top-k becomes the k-th |score|, a score becomes its count.
        if (circuits.showsGiven()) {
            // The graph shows a searched circuit: convert the threshold setting itself, which that circuit ignores.
            Circuit cut = Circuit.of(r, CircuitViewModel.cutOf(state.threshold(), r));
            state.setThreshold(m == ThresholdMode.TOP_K ? Threshold.topK(cut.edgeCount())
                    : Threshold.score(Double.isFinite(cut.absThreshold()) ? cut.absThreshold() : r.maxAbs()));
        } else if (m == ThresholdMode.TOP_K) {
            state.setThreshold(Threshold.topK(circuits.keptEdgesProperty().get()));
        } else {
            double t = circuits.absThreshold();
            state.setThreshold(Threshold.score(Double.isFinite(t) ? t : r.maxAbs()));
        }
    }

    private void applyText() {
        String text = exact.getText().strip().replace(",", "");
        if (text.isEmpty() && circuits.showsGiven()) {
            return;   // left empty while a searched circuit is shown: nothing to apply
        }
        try {
            ThresholdMode m = state.threshold().mode();
            Threshold t;
            if (m == ThresholdMode.TOP_K) {
                int k = Integer.parseInt(text);
                int max = scale == null ? Integer.MAX_VALUE : scale.maxK();
                t = Threshold.topK(Math.max(0, Math.min(k, max)));
            } else {
                t = Threshold.score(Math.abs(Double.parseDouble(text)));
            }
            exact.getStyleClass().remove("invalid");
            if (!t.equals(state.threshold()) || circuits.showsGiven()) {
                state.setThreshold(t);
            }
            // The field shows what was applied: a k above the edge count becomes the edge count.
            exact.setText(textOf(state.threshold()));
            sync();
        } catch (IllegalArgumentException e) {
            if (!exact.getStyleClass().contains("invalid")) {
                exact.getStyleClass().add("invalid");
            }
            state.say("Not a threshold: \"" + exact.getText() + "\" (top-k takes a whole number, |score| a number)");
        }
    }

    private static String textOf(Threshold t) {
        return t.mode() == ThresholdMode.TOP_K ? Integer.toString(t.k()) : String.format(Locale.ROOT, "%.4g", t.value());
    }

    private void sync() {
        syncing = true;
        try {
            Threshold t = state.threshold();
            mode.setValue(t.mode());
            String value = textOf(t);
            if (circuits.showsGiven()) {
                // The graph shows a searched circuit, not this threshold's: the field must not read as its size.
                exact.setText("");
                exact.setPromptText(value + ", not shown");
            } else if (!exact.isFocused() || exact.getText().isBlank()) {
                exact.setText(value);
                exact.setPromptText(null);
            }
            if (scale != null && !slider.isValueChanging()) {
                slider.setValue(scale.positionOf(t));
            }
            Circuit c = circuits.circuit();
            if (c == null) {
                kept.setText("No scores yet");
            } else {
                String text = COUNT.format(circuits.keptEdgesProperty().get()) + " of " + COUNT.format(c.graph().edgeCount())
                        + (circuits.showsGiven() ? " edges: " + c.cut().describe() + " (move the threshold to go back)" : " edges kept");
                if (c.isPruned()) {
                    text += ", " + COUNT.format(c.edgeCount()) + " on paths to logits";
                }
                kept.setText(text);
            }
        } finally {
            syncing = false;
        }
    }
}
