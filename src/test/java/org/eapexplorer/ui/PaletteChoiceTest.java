package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import org.eapexplorer.circuit.SignPalette;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.export.PaletteSetting;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** View → Edge colours: the colour-blind-safe palette reaches the legend and exports, and is remembered between runs. */
class PaletteChoiceTest extends WindowTest {

    @AfterEach
    void backToRedBlue() throws Exception {
        fxRun(() -> app.models().export().paletteProperty().set(SignPalette.RED_BLUE));
    }

    private MenuItem item(String id) throws Exception {
        return fx(() -> {
            MenuBar bar = (MenuBar) app.scene.getRoot().lookup(".menu-bar");
            for (Menu m : bar.getMenus()) {
                for (MenuItem i : m.getItems()) {
                    if (i instanceof Menu sub) {
                        for (MenuItem j : sub.getItems()) {
                            if (id.equals(j.getId())) {
                                return j;
                            }
                        }
                    }
                }
            }
            return null;
        });
    }

    @Test
    void okabeItoColoursTheLegendAndExportsAndIsRemembered() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        fxRun(() -> app.state().setThreshold(Threshold.topK(12)));
        MenuItem okabe = item("palette-okabe-ito");
        assertNotNull(okabe, "View → Edge colours offers Okabe–Ito");
        fxRun(okabe::fire);
        assertEquals(SignPalette.OKABE_ITO, app.models().export().paletteProperty().get());

        Label positive = lookup("#legendPositive").queryAs(Label.class);
        assertTrue(positive.getStyle().contains("#d55e00"), positive.getStyle());
        assertTrue(positive.getTooltip().getText().startsWith("vermillion"), positive.getTooltip().getText());
        HBox widths = lookup("#legendWidthScale").queryAs(HBox.class);
        assertEquals(1 + 3, fx(() -> widths.getChildren().stream().filter(n -> n instanceof Label).count()),
                "its label and three width samples: largest kept |score|, half of it, the weakest kept");

        Path svg = tempDir.resolve("okabe.svg");
        await(fx(() -> app.models().export().exportCircuit(svg, 1)));
        String text = Files.readString(svg);
        assertFalse(text.contains(SignPalette.RED_BLUE.positive().toHex()), "no RdBu red left");
        assertTrue(text.contains(SignPalette.OKABE_ITO.negative().toHex()) || text.contains(SignPalette.OKABE_ITO.positive().toHex()));

        Path remembered = tempDir.resolve("palette.txt");
        assertEquals("okabe-ito", Files.readString(remembered).strip());
        assertEquals(SignPalette.OKABE_ITO, new PaletteSetting(remembered).load(), "the next run starts with it");
    }

    @Test
    void aBrokenSettingFileMeansTheDefault() throws Exception {
        Path file = tempDir.resolve("broken-palette.txt");
        Files.writeString(file, "rainbow\n");
        assertEquals(SignPalette.RED_BLUE, new PaletteSetting(file).load());
        assertEquals(SignPalette.RED_BLUE, new PaletteSetting(tempDir.resolve("none.txt")).load());
    }
}
