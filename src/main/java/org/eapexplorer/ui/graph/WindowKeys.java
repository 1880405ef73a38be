package org.eapexplorer.ui.graph;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.eapexplorer.ui.CircuitViewModel;

/**
 * N and P step through the graph's edges wherever the keyboard focus is (a tab just clicked, a chart, a button),
 * except in a text field, where they are letters. A filter on the window's root, so it sees the keys before the
 * focused control.
 */
public final class WindowKeys {

    private WindowKeys() {
    }

    public static void install(Node root, CircuitViewModel circuits) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() != KeyCode.N && e.getCode() != KeyCode.P) || e.isShortcutDown() || e.isAltDown() || e.isControlDown()
                    || e.isMetaDown() || e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (e.getCode() == KeyCode.N) {
                circuits.selectNext();
            } else {
                circuits.selectPrevious();
            }
            e.consume();
        });
    }
}
