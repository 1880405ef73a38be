package org.eapexplorer.ui.graph;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;

/**
 * Says on the graph why it is empty although edges are kept: none of them lies on a path from input to logits, so
 * hiding unconnected nodes removes them all. Offers to turn that pruning off. Hidden whenever something is drawn.
 */
public final class EmptyCircuitHint extends VBox {

    private final Label text = new Label();

    public EmptyCircuitHint(AppState state, CircuitViewModel circuits) {
        setId("emptyCircuitHint");
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setSpacing(10);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        text.setWrapText(true);
        text.setMaxWidth(440);
        Button showAll = new Button("Show them (stop hiding unconnected nodes)");
        showAll.setId("stopPruningButton");
        showAll.setOnAction(e -> state.setHideUnconnected(false));
        getChildren().addAll(text, showAll);
        circuits.circuitProperty().addListener(o -> update(circuits));
        update(circuits);
    }

    private void update(CircuitViewModel circuits) {
        Circuit c = circuits.circuit();
        int kept = circuits.keptEdgesProperty().get();
        boolean prunedAway = c != null && c.isPruned() && c.edgeCount() == 0 && kept > 0;
        setVisible(prunedAway);
        setManaged(prunedAway);
        if (prunedAway) {
            String which = kept == 1 ? "the one kept edge is not" : String.format(Locale.ROOT, "none of the %d kept edges is", kept);
            text.setText("Nothing to draw: " + which + " on a path from the input to the logits, and nodes without such a "
                    + "path are hidden. Keep more edges, or show " + (kept == 1 ? "it as it is." : "them as they are."));
        }
    }
}
