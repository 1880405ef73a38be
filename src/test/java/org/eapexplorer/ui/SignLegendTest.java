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

    /** Issue 26, item 4: under Okabe–Ito the node-score swatch takes the palette's colours, for both signs. */
    @Test
    void theNodeScoreSwatchFollowsThePaletteAndShowsBothSigns() throws Exception {
        WindowFixture.fxRun(() -> {
            app.models().export().paletteProperty().set(org.eapexplorer.circuit.SignPalette.values()[1]);
            app.window.graphView().colourNodesProperty().set(true);
        });
        org.eapexplorer.circuit.SignPalette p = org.eapexplorer.circuit.SignPalette.values()[1];
        Label positive = lookup("#legendNodes").queryAs(Label.class);
        assertTrue(positive.isVisible() && positive.getStyle().contains(p.positive().toHex()),
                "the positive node swatch is " + p.positiveName() + ": " + positive.getStyle());
        Label negative = lookup("#legendNodesNegative").queryAs(Label.class);
        assertTrue(negative.isVisible() && negative.getStyle().contains(p.negative().toHex()),
                "the negative node swatch is " + p.negativeName() + ": " + negative.getStyle());
    }
}
