package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.eapexplorer.jobs.JobProgress;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 7, in the window at its default size (1280 × 800): no label, button or field cut short, the
 * threshold field clamped to the edge count, and stale status messages cleared.
 */
class TextAndNumbersTest extends WindowTest {

    /** Labels and fields on screen whose own width (or height, when wrapping) is less than their text needs. */
    private List<String> clipped() throws Exception {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            double sceneWidth = app.scene.getWidth();
            for (Node n : app.scene.getRoot().lookupAll("*")) {
                if (!n.isVisible() || n.getScene() == null || !treeVisible(n) || n.getLayoutBounds().getWidth() <= 0) {
                    continue;
                }
                if ((n instanceof Labeled || n instanceof TextField || n instanceof javafx.scene.control.ComboBoxBase<?>)
                        && n.localToScene(n.getLayoutBounds()).getMaxX() > sceneWidth + 0.5) {
                    out.add(describe(n) + " reaches past the window's right edge, to "
                            + n.localToScene(n.getLayoutBounds()).getMaxX());
                    continue;
                }
                if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                    if (l.getId() != null && l.getId().equals("statusText")) {
                        continue;  // one line of events; long ones may end in "…" by design
                    }
                    boolean cut = l.isWrapText() ? l.getHeight() + 0.5 < l.prefHeight(l.getWidth())
                            : l.getWidth() + 0.5 < l.prefWidth(-1);
                    if (cut) {
                        out.add(describe(l) + " \"" + l.getText() + "\" " + l.getWidth() + " < " + l.prefWidth(-1));
                    }
                } else if (n instanceof TextField f && !f.getText().isEmpty()) {
                    Text t = new Text(f.getText());
                    t.setFont(f.getFont());
                    double need = t.getLayoutBounds().getWidth() + f.getPadding().getLeft() + f.getPadding().getRight();
                    if (f.getWidth() + 0.5 < need) {
                        out.add(describe(f) + " \"" + f.getText() + "\" " + f.getWidth() + " < " + need);
                    }
                }
            }
            return out;
        });
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
    }

    @Test
    void nothingIsCutShortAtTheDefaultSize() throws Exception {
        fxRun(() -> {
            Stage stage = (Stage) app.scene.getWindow();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        app.runBuiltIn();
        fxRun(() -> app.state().select(app.models().circuits().ranking().edgeAt(0)));
        // The selection starts its λ-curve job; the window is measured once that has finished, not while the λ-curves
        // tab's bar is between its idle message and its progress (a full CI run once caught it there).
        org.testfx.util.WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS,
                () -> fx(() -> !app.models().patching().curveRunningProperty().get()));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = lookup("#chartTabs").queryAs(TabPane.class);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int tab = i;
            fxRun(() -> tabs.getSelectionModel().select(tab));
            for (String p : clipped()) {
                problems.add(tabs.getTabs().get(tab).getText() + ": " + p);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theThresholdFieldIsClampedToTheEdgeCount() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        clickOn("#thresholdField").eraseText(8).write("5000").type(KeyCode.ENTER);
        assertEquals(Threshold.topK(r.edgeCount()), app.state().threshold());
        assertEquals(Integer.toString(r.edgeCount()), lookup("#thresholdField").queryAs(TextField.class).getText());
    }

    @Test
    void staleStatusMessagesAreCleared() throws Exception {
        app.runBuiltIn();
        fxRun(() -> app.state().say("Not a threshold: \"abc\""));
        fxRun(() -> app.state().setThreshold(Threshold.topK(12)));
        assertEquals("", app.state().statusProperty().get(), "a valid threshold clears the complaint about the last one");

        fxRun(() -> app.state().say("Exported circuit.svg"));
        fxRun(() -> app.state().jobProgress(new JobProgress("Faithfulness", -1, "Starting…")));
        assertEquals("", app.state().statusProperty().get(), "a new job clears the last event");
        fxRun(() -> app.state().jobFinished("Faithfulness done"));
        assertEquals("Faithfulness done", app.state().statusProperty().get());

        fxRun(() -> app.state().showResult(app.state().result()));
        assertEquals("", app.state().statusProperty().get(), "new scores clear what was said about the old");
    }
}
