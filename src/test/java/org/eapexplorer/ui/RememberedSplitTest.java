package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 2: the graph/charts split is remembered between runs (Large charts does not overwrite it), the
 * charts keep a usable height, and the default split at 1280 × 800 leaves the charts room to read.
 */
class RememberedSplitTest extends WindowTest {

    @TempDir
    Path config;

    private SplitPane centre() {
        return (SplitPane) ((javafx.scene.layout.BorderPane) app.window.root()).getCenter();
    }

    @Test
    void theSplitIsRememberedBetweenRunsAndLargeChartsDoesNotOverwriteIt() throws Exception {
        WindowPreferences prefs = new WindowPreferences(config.resolve("eap-explorer/window.properties"));
        Stage[] stage = new Stage[1];
        MainWindow first = fx(() -> {
            stage[0] = new Stage();
            MainWindow w = new MainWindow(app.context.models(), () -> stage[0]);
            w.showRemembered(stage[0], prefs, 1100, 720);
            return w;
        });
        SplitPane split = (SplitPane) ((javafx.scene.layout.BorderPane) first.root()).getCenter();
        fxRun(() -> split.setDividerPositions(0.4));
        CheckMenuItem large = largeChartsItem(first);
        fxRun(() -> large.setSelected(true));
        fxRun(() -> stage[0].hide());
        assertTrue(Files.isRegularFile(prefs.file()), "nothing written when the window closed");
        assertEquals(0.4, prefs.load().graphShare(), 0.01, "the user's split, not Large charts' temporary one");
        assertEquals(1100, prefs.load().width(), 1);

        MainWindow second = fx(() -> {
            stage[0] = new Stage();
            MainWindow w = new MainWindow(app.context.models(), () -> stage[0]);
            w.showRemembered(stage[0], prefs, Double.NaN, Double.NaN);
            return w;
        });
        SplitPane again = (SplitPane) ((javafx.scene.layout.BorderPane) second.root()).getCenter();
        assertEquals(0.4, again.getDividerPositions()[0], 0.02, "the split left last time");
        CheckMenuItem large2 = largeChartsItem(second);
        fxRun(() -> large2.setSelected(true));
        assertEquals(GraphChartSplit.GRAPH_SHARE_LARGE_CHARTS, again.getDividerPositions()[0], 0.02, "Large charts still works");
        fxRun(() -> large2.setSelected(false));
        assertEquals(0.4, again.getDividerPositions()[0], 0.02, "and gives the remembered split back");
        fxRun(() -> stage[0].hide());
    }

    @Test
    void theChartsKeepAUsableHeightAtTheDefaultSize() throws Exception {
        fxRun(() -> app.window.root().getScene().getWindow().setHeight(800));
        fxRun(() -> ((Stage) app.window.root().getScene().getWindow()).setWidth(1280));
        TabPane charts = lookup("#chartTabs").queryAs(TabPane.class);
        assertTrue(charts.getMinHeight() >= 300, "min height " + charts.getMinHeight());
        assertTrue(charts.getHeight() >= charts.getMinHeight() - 1, "charts " + charts.getHeight() + " px at 1280 × 800");
        fxRun(() -> centre().setDividerPositions(0.95));
        assertTrue(charts.getHeight() >= charts.getMinHeight() - 1, "dragged down to " + charts.getHeight() + " px");
    }

    private static CheckMenuItem largeChartsItem(MainWindow w) {
        MenuBar bar = (MenuBar) ((javafx.scene.layout.BorderPane) w.root()).getTop();
        return (CheckMenuItem) bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "largeChartsItem".equals(i.getId())).findFirst().orElseThrow();
    }
}
