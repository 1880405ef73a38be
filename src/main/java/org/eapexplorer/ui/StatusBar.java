package org.eapexplorer.ui;

import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.eapexplorer.jobs.JobProgress;

/**
 * The bottom line: what is happening (a running job with its elapsed time, or the last event, or the hovered
 * edge) on the left; the current result (device, prompts, edges, timings) on the right.
 */
public final class StatusBar extends HBox {

    private final AppState state;
    private final Label message = new Label();
    private final Label summary = new Label();
    private final StringProperty hover = new SimpleStringProperty("");
    private final Timeline ticker;
    private long jobStart;

    public StatusBar(AppState state) {
        this.state = state;
        getStyleClass().add("status-bar");
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        message.setId("statusText");
        summary.setId("resultSummary");
        summary.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(message, gap, summary);
        ticker = new Timeline(new KeyFrame(Duration.millis(500), e -> refresh()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        state.jobProperty().addListener((obs, old, job) -> {
            if (old == null && job != null) {
                jobStart = System.nanoTime();
                ticker.play();
            } else if (job == null) {
                ticker.stop();
            }
            refresh();
        });
        state.statusProperty().addListener(o -> refresh());
        hover.addListener(o -> refresh());
        state.resultProperty().addListener(o -> summary.setText(summaryOf(state.result())));
        summary.setText(summaryOf(state.result()));
        refresh();
    }

    /** Text about the edge under the mouse; empty when none. Shown instead of the last event while set. */
    public StringProperty hoverTextProperty() {
        return hover;
    }

    private void refresh() {
        JobProgress job = state.jobProperty().get();
        if (job != null) {
            double seconds = (System.nanoTime() - jobStart) / 1e9;
            message.setText(String.format(Locale.ROOT, "%s — %s  (%.1f s)", job.title(), job.message(), seconds));
        } else if (!hover.get().isEmpty()) {
            message.setText(hover.get());
        } else {
            message.setText(state.statusProperty().get());
        }
    }

    static String summaryOf(AnalysisResult r) {
        if (r == null) {
            return "No scores";
        }
        StringBuilder b = new StringBuilder();
        b.append(r.methodDescription()).append("  ·  ");
        b.append(r.deviceDescription().isEmpty() ? "device n/a" : r.deviceDescription());
        b.append("  ·  ").append(r.promptSource()).append(String.format(Locale.ROOT, " (%,d pairs)", r.pairs()));
        b.append(String.format(Locale.ROOT, "  ·  %,d edges", r.edgeCount()));
        if (!r.inputConventions().isEmpty()) {
            b.append("  ·  ").append(r.inputConventions());
        }
        if (r.loadMillis() > 0) {
            b.append(String.format(Locale.ROOT, "  ·  load %.1f s", r.loadMillis() / 1000));
        }
        if (r.eapMillis() > 0) {
            b.append(String.format(Locale.ROOT, "  ·  %s %.1f s", r.method() == null ? "scores" : r.method().method().label(), r.eapMillis() / 1000));
        }
        return b.toString();
    }
}
