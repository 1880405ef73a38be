package org.eapexplorer.ui.graph;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;

/**
 * The graph's mouse and keys: scroll zooms around the pointer, drag pans, a click selects the edge under the pointer
 * (or clears the selection), hovering names the edge; with the graph focused the arrow keys step through edges, F
 * fits, + and − zoom and Esc clears. N and P work from anywhere in the window ({@link WindowKeys}).
 */
final class GraphInput {

    private static final double DRAG_SLOP_PX = 3;

    private final GraphView view;
    private final AppState state;
    private final CircuitViewModel circuits;
    private double pressX;
    private double pressY;
    private double lastDragX;
    private double lastDragY;
    private boolean dragging;

    GraphInput(GraphView view, AppState state, CircuitViewModel circuits) {
        this.view = view;
        this.state = state;
        this.circuits = circuits;
    }

    void install() {
        view.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        view.canvas().addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        view.canvas().addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        view.canvas().addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        view.canvas().addEventHandler(MouseEvent.MOUSE_MOVED, e -> view.setHovered(view.edgeAt(e.getX(), e.getY())));
        view.canvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> view.setHovered(-1));
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private void onScroll(ScrollEvent e) {
        if (view.layoutModel() == null || e.getDeltaY() == 0) {
            return;
        }
        view.viewport().zoomAt(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        view.userMoved();
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        view.requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        lastDragX = pressX;
        lastDragY = pressY;
        dragging = false;
    }

    private void onDragged(MouseEvent e) {
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) > DRAG_SLOP_PX) {
            dragging = true;
        }
        if (dragging) {
            view.panBy(e.getX() - lastDragX, e.getY() - lastDragY);
            lastDragX = e.getX();
            lastDragY = e.getY();
        }
    }

    private void onReleased(MouseEvent e) {
        if (dragging || e.getButton() != MouseButton.PRIMARY) {
            dragging = false;
            return;
        }
        int edge = view.edgeAt(e.getX(), e.getY());
        if (edge >= 0) {
            state.select(edge);
        } else {
            state.clearSelection();
        }
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        switch (code) {
            case N, RIGHT, DOWN -> circuits.selectNext();
            case P, LEFT, UP -> circuits.selectPrevious();
            case ESCAPE -> state.clearSelection();
            case F -> view.fitToWindow();
            case PLUS, EQUALS, ADD -> view.zoom(1.25);
            case MINUS, SUBTRACT -> view.zoom(0.8);
            default -> {
                return;
            }
        }
        e.consume();
    }
}
