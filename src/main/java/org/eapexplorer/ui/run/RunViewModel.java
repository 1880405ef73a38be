package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.Questions;

/**
 * Choosing a model, prompts, device and scoring method, and running it on them as a background job. The loaded model
 * stays in the {@link ModelCache} on the worker thread, so a second run on the same model starts at once.
 */
public final class RunViewModel {

    private final AppState state;
    private final TaskExecutor executor;
    private final ModelCache cache;
    private final RecentModels recent;
    private final ErrorReporter errors;
    private final Questions questions;
    private final Supplier<List<String>> resultsBeyondScores;
    private final ObservableList<Path> recentModels = FXCollections.observableArrayList();
    private final ObservableList<PromptChoice> promptChoices = FXCollections.observableArrayList();
    private final BooleanBinding canRun;
    private final ObjectProperty<AttributionMethod> method = new SimpleObjectProperty<>(this, "method", AttributionMethod.EAP);
    private final IntegerProperty igSteps = new SimpleIntegerProperty(this, "igSteps", MethodSpec.DEFAULT_IG_STEPS);
    private JobHandle running;

    public RunViewModel(AppState state, TaskExecutor executor, ModelCache cache, RecentModels recent,
                        InstallLocations locations, ErrorReporter errors, Questions questions,
                        Supplier<List<String>> resultsBeyondScores) {
        this.state = state;
        this.questions = questions;
        this.resultsBeyondScores = resultsBeyondScores;
        this.executor = executor;
        this.cache = cache;
        this.recent = recent;
        this.errors = errors;
        recentModels.setAll(recent.list(state::say));
        locations.find(InstallLocations.DEFAULT_MODEL).map(RunViewModel::canonical).filter(p -> !recentModels.contains(p))
                .ifPresent(recentModels::add);
        for (Map.Entry<String, Path> e : locations.samplePrompts().entrySet()) {
            promptChoices.add(new PromptChoice(e.getKey(), canonical(e.getValue())));
        }
        // A prompt file chosen elsewhere (a reopened session, --prompts) is listed too, so the window shows it.
        state.promptFileProperty().addListener((obs, old, file) -> {
            if (file != null) {
                choiceFor(canonical(file));
            }
        });
        // A result shown from elsewhere (a reopened session) names its method: the choice follows, as model and prompts do.
        state.resultProperty().addListener((obs, old, r) -> {
            if (r != null && r.method() != null) {
                method.set(r.method().method());
                if (r.method().method().usesSteps()) {
                    igSteps.set(r.method().steps());
                }
            }
        });
        canRun = Bindings.createBooleanBinding(
                () -> state.modelDir() != null && state.promptFile() != null && state.jobProperty().get() == null,
                state.modelDirProperty(), state.promptFileProperty(), state.jobProperty());
    }

    public ObservableList<Path> recentModels() {
        return recentModels;
    }

    public ObservableList<PromptChoice> promptChoices() {
        return promptChoices;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** The scoring method Run uses; EAP unless chosen otherwise. */
    public ObjectProperty<AttributionMethod> methodProperty() {
        return method;
    }

    /** EAP-IG's number of interpolation steps; used only when the method takes steps. */
    public IntegerProperty igStepsProperty() {
        return igSteps;
    }

    /** The chosen method with its settings: the steps apply to EAP-IG only. */
    public MethodSpec methodSpec() {
        AttributionMethod m = method.get() == null ? AttributionMethod.EAP : method.get();
        return m.usesSteps() ? new MethodSpec(m, igSteps.get()) : MethodSpec.of(m);
    }

    /**
     * Makes {@code dir} the model, after checking it is one; a folder that is not is reported and the choice stays as
     * it was (false).
     */
    public boolean chooseModel(Path dir) {
        Path canonicalDir = canonical(dir);
        java.util.Optional<String> problem = ModelFolder.problem(canonicalDir);
        if (problem.isPresent()) {
            state.say("Model not changed: " + canonicalDir.getFileName() + " is not a model folder.");
            errors.report("Not a model folder", new IllegalArgumentException(problem.get()));
            return false;
        }
        state.chooseModel(canonicalDir);
        return true;
    }

    /** One spelling per directory, so the recent list and the current choice compare equal. */
    static Path canonical(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Selects a prompt file, adding it to the list when it is not a shipped one. */
    public PromptChoice choosePrompts(Path file) {
        Path canonicalFile = canonical(file);
        PromptChoice choice = choiceFor(canonicalFile);
        state.choosePrompts(canonicalFile);
        return choice;
    }

    private PromptChoice choiceFor(Path canonicalFile) {
        return promptChoices.stream().filter(c -> c.path().equals(canonicalFile)).findFirst().orElseGet(() -> {
            PromptChoice added = PromptChoice.ofFile(canonicalFile);
            promptChoices.add(added);
            return added;
        });
    }

    public void chooseDevice(ComputeDevice device) {
        state.chooseDevice(device);
    }

    /**
     * Runs EAP on the current choices, as the Run button does; null (and a message) when something is missing, a job
     * is running, or the user would rather keep the results a new run discards.
     */
    public JobHandle run() {
        if (state.isBusy()) {
            state.say("A job is running; cancel it first.");
            return null;
        }
        if (state.modelDir() == null || state.promptFile() == null) {
            state.say("Choose a model directory and a prompt file first.");
            return null;
        }
        List<String> lost = resultsBeyondScores.get();
        MethodSpec method = methodSpec();
        String name = method.method().label();
        if (!lost.isEmpty() && !questions.confirm("Run " + name + " again?", "A new run replaces the "
                + org.eapexplorer.ui.AnalysisResult.methodLabelOf(state.result()) + " scores and discards "
                + org.eapexplorer.ui.session.SessionViewModel.inWords(lost) + ". Save the session first (File ▸ Save session…) to keep them.",
                "Run " + name)) {
            state.say(name + " not run: the results on screen are kept.");
            return null;
        }
        return run(new RunRequest(state.modelDir(), state.promptFile(), state.device(), method));
    }

    public JobHandle run(RunRequest given) {
        RunRequest request = new RunRequest(canonical(given.modelDir()), canonical(given.promptFile()), given.device(), given.method());
        state.chooseModel(request.modelDir());
        choosePrompts(request.promptFile());
        state.chooseDevice(request.device());
        String title = request.method().describe() + " on " + request.modelDir().getFileName();
        state.jobProgress(new JobProgress(title, -1, "Starting…"));
        running = executor.submit(title, new RunEapJob(request, cache, state.rankings()), new JobListener<>() {
            @Override
            public void progress(JobProgress progress) {
                if (state.isBusy()) {
                    state.jobProgress(progress);
                }
            }

            @Override
            public void succeeded(AnalysisResult result) {
                running = null;
                state.showResult(result);
                state.jobFinished(String.format(java.util.Locale.ROOT, "%s done in %.1f s", result.method().describe(),
                        (result.loadMillis() + result.eapMillis()) / 1000));
                rememberModel(request.modelDir());
            }

            @Override
            public void failed(Throwable error) {
                running = null;
                state.jobFinished(request.method().method().label() + " failed: " + ErrorReporter.describe(error));
                errors.report(request.method().method().label() + " run failed", error);
            }

            @Override
            public void cancelled() {
                running = null;
                state.jobFinished("Cancelled.");
            }
        });
        return running;
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
            state.say("Cancelling…");
        }
    }

    /** Frees the loaded model on the worker thread, behind whatever is queued. */
    public JobHandle releaseModel() {
        return executor.submit("Release model", context -> {
            cache.close();
            return null;
        }, new JobListener<Object>() {
            @Override
            public void succeeded(Object value) {
            }

            @Override
            public void failed(Throwable error) {
                // Closing native memory at exit: nothing the user can act on, and the process is ending.
            }
        });
    }

    /** A job started elsewhere (a download) that the Cancel button and shutdown should stop too. */
    void track(JobHandle handle) {
        running = handle;
    }

    void untrack(JobHandle handle) {
        if (handle != null && running == handle) {
            running = null;
        }
    }

    /** A model that has just been downloaded: choose it and remember it. */
    void modelDownloaded(Path dir) {
        Path canonicalDir = canonical(dir);
        state.chooseModel(canonicalDir);
        rememberModel(canonicalDir);
    }

    private void rememberModel(Path dir) {
        try {
            recent.remember(dir);
            // Updated in place, not replaced: replacing a combo box's items clears its shown value.
            if (!recentModels.contains(dir)) {
                recentModels.add(0, dir);
            }
        } catch (IOException e) {
            state.say("Could not remember " + dir + " among recent models: " + ErrorReporter.describe(e));
        }
    }
}
