package org.eapexplorer.ui;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.runtime.ComputeDevice;

/**
 * The window's single observable state. Views bind to the read-only properties; everything changes through
 * the named methods below, on the FX thread only (jobs hand their results over through the task executor).
 */
public final class AppState {

    private final ObjectProperty<Path> modelDir = new SimpleObjectProperty<>(this, "modelDir");
    private final ObjectProperty<Path> promptFile = new SimpleObjectProperty<>(this, "promptFile");
    private final ObjectProperty<ComputeDevice> device = new SimpleObjectProperty<>(this, "device", ComputeDevice.AUTO);
    private final ObjectProperty<AnalysisResult> result = new SimpleObjectProperty<>(this, "result");
    private final ObjectProperty<Threshold> threshold = new SimpleObjectProperty<>(this, "threshold",
            Threshold.topK(Threshold.DEFAULT_TOP_K));
    private final BooleanProperty hideUnconnected = new SimpleBooleanProperty(this, "hideUnconnected", true);
    private final IntegerProperty selectedEdge = new SimpleIntegerProperty(this, "selectedEdge", -1);
    private final ObjectProperty<JobProgress> job = new SimpleObjectProperty<>(this, "job");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ScoreRankings rankings = new ScoreRankings();

    public ReadOnlyObjectProperty<Path> modelDirProperty() { return modelDir; }
    public ReadOnlyObjectProperty<Path> promptFileProperty() { return promptFile; }
    public ReadOnlyObjectProperty<ComputeDevice> deviceProperty() { return device; }
    public ReadOnlyObjectProperty<AnalysisResult> resultProperty() { return result; }
    public ReadOnlyObjectProperty<Threshold> thresholdProperty() { return threshold; }
    public ReadOnlyBooleanProperty hideUnconnectedProperty() { return hideUnconnected; }
    public ReadOnlyIntegerProperty selectedEdgeProperty() { return selectedEdge; }
    /** The running job's progress; null while no job runs. */
    public ReadOnlyObjectProperty<JobProgress> jobProperty() { return job; }
    /** The last thing that happened, for the status line ("Exported …", "Cancelled"). */
    public ReadOnlyStringProperty statusProperty() { return status; }

    public Path modelDir() { return modelDir.get(); }
    public Path promptFile() { return promptFile.get(); }
    public ComputeDevice device() { return device.get(); }
    public AnalysisResult result() { return result.get(); }
    public Threshold threshold() { return threshold.get(); }
    public boolean hideUnconnected() { return hideUnconnected.get(); }
    public int selectedEdge() { return selectedEdge.get(); }
    public boolean isBusy() { return job.get() != null; }

    public void chooseModel(Path dir) {
        checkThread();
        modelDir.set(dir);
    }

    public void choosePrompts(Path file) {
        checkThread();
        promptFile.set(file);
    }

    public void chooseDevice(ComputeDevice choice) {
        checkThread();
        device.set(choice == null ? ComputeDevice.AUTO : choice);
    }

    /**
     * A new set of scores replaces the old; the selection refers to the old graph and is cleared. On a small
     * graph the default top-k would keep nearly every edge, so it becomes a third of them instead.
     */
    /** The score sets' rankings: the one part of the state any thread may use (a job ranks the result it brings). */
    public ScoreRankings rankings() {
        return rankings;
    }

    public void showResult(AnalysisResult newResult) {
        checkThread();
        selectedEdge.set(-1);
        if (newResult != null && threshold.get().equals(Threshold.topK(Threshold.DEFAULT_TOP_K))
                && newResult.edgeCount() < 3 * Threshold.DEFAULT_TOP_K) {
            threshold.set(Threshold.topK(Math.max(1, newResult.edgeCount() / 3)));
        }
        status.set("");  // what the last message said was about the old scores
        result.set(newResult);
    }

    public void setThreshold(Threshold value) {
        checkThread();
        if (!value.equals(threshold.get())) {
            status.set("");  // e.g. a complaint about the threshold typed before
        }
        threshold.set(value);
    }

    public void setHideUnconnected(boolean hide) {
        checkThread();
        hideUnconnected.set(hide);
    }

    public void select(int edge) {
        checkThread();
        AnalysisResult r = result.get();
        if (edge < -1 || (edge >= 0 && (r == null || edge >= r.edgeCount()))) {
            throw new IllegalArgumentException("no edge " + edge);
        }
        selectedEdge.set(edge);
    }

    public void clearSelection() {
        select(-1);
    }

    public void jobProgress(JobProgress progress) {
        checkThread();
        if (job.get() == null && progress != null) {
            status.set("");  // a new job: the last job's message no longer describes what is on screen
        }
        job.set(progress);
    }

    public void jobFinished(String message) {
        checkThread();
        job.set(null);
        status.set(message == null ? "" : message);
    }

    public void say(String message) {
        checkThread();
        status.set(message);
    }

    private static void checkThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("AppState changes only on the FX thread, not on " + Thread.currentThread().getName());
        }
    }
}
