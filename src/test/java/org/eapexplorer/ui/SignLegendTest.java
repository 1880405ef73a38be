package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** Issue 17, item 5: the graph says what its colours mean, and what a negative score is. */
class SignLegendTest extends WindowTest {

    @Test
    void theLegendUnderTheGraphExplainsTheSigns() {
        List<String> texts = lookup("#signLegend").queryAll().stream().flatMap(n -> n.lookupAll(".label").stream())
                .map(n -> ((Label) n).getText()).toList();
        String all = String.join(" | ", texts);
        assertTrue(all.contains("positive") && all.contains("negative"), all);
        assertTrue(all.contains("patching the edge lowers the metric"), "a negative score is explained: " + all);
        assertTrue(all.contains("patching the edge raises the metric"), all);
        Label negative = lookup("#legendNegative").queryAs(Label.class);
        assertTrue(negative.getStyleClass().contains("legend-negative"));
    }
}
