package org.eapexplorer.ui.eval;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

/**
 * A row to pick one of the circuits a search found (ACDC's per τ, the hybrid's per cell) and draw it in the graph
 * instead of the threshold's; hidden while there are none.
 */
final class CircuitChooser {

    private final ComboBox<NamedCircuit> box = new ComboBox<>();
    private final ToolbarRow row;

    CircuitChooser(String label, String id, Consumer<NamedCircuit> show) {
        box.setId(id + "Box");
        Button button = new Button("Show in graph");
        button.setId(id + "Button");
        button.disableProperty().bind(box.valueProperty().isNull());
        button.setOnAction(e -> show.accept(box.getValue()));
        row = new ToolbarRow("drawn (and exported) instead of the threshold's circuit until the threshold moves",
                new Label(label), box, button);
        setCircuits(List.of());
    }

    Node row() {
        return row;
    }

    /** Lists {@code circuits}, the first chosen. */
    void setCircuits(List<NamedCircuit> circuits) {
        box.getItems().setAll(circuits);
        box.setValue(circuits.isEmpty() ? null : circuits.get(0));
        row.setVisible(!circuits.isEmpty());
        row.setManaged(!circuits.isEmpty());
    }
}
