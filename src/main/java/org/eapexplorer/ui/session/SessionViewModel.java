package org.eapexplorer.ui.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreFileMethod;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.compare.CompareViewModel;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.HybridViewModel;
import org.eapexplorer.ui.patching.PatchingViewModel;

/**
 * Save and open session files; the file work runs on the file worker, the state changes on the FX thread. A
 * session takes the evaluation tabs' results from their view models and gives them back through their
 * {@code restore} methods, after the scores, so that their curves follow as after a computation.
 */
public final class SessionViewModel {

    private final AppState state;
    private final TaskExecutor files;
    private final ErrorReporter errors;
    private final EvalViewModel eval;
    private final PatchingViewModel patching;
    private final HybridViewModel hybrid;
    private final CompareViewModel compare;
    // Results computed since the window opened, and that count as of the last save or open: "unsaved" is the difference.
    private long changes;
    private long savedAt;
    private java.util.function.Supplier<List<Path>> modelFolders = List::of;

    public SessionViewModel(AppState state, TaskExecutor files, ErrorReporter errors, EvalViewModel eval,
                            PatchingViewModel patching, HybridViewModel hybrid, CompareViewModel compare) {
        this.state = state;
        this.compare = compare;
        this.files = files;
        this.errors = errors;
        this.eval = eval;
        this.patching = patching;
        this.hybrid = hybrid;
        javafx.beans.InvalidationListener changed = o -> changes++;
        state.resultProperty().addListener(changed);
        eval.acdcSweepsProperty().addListener(changed);
        eval.faithfulnessProperty().addListener(changed);
        eval.mib().metricsProperty().addListener(changed);
        patching.scatterProperty().addListener(changed);
        patching.curves().addListener(changed);
        hybrid.figureProperty().addListener(changed);
    }

    /** Whether results were computed (EAP or any evaluation) since the last save or open. */
    public boolean hasUnsavedResults() {
        return state.result() != null && changes != savedAt;
    }

    /** Counts what is on screen as saved: what the window computed at start-up on its own is no work of the user's. */
    public void markSaved() {
        savedAt = changes;
    }

    /** "a", "a and b", "a, b and c". */
    public static String inWords(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The results beyond the scores that a new EAP run (or another session) would discard, in words; empty when none. */
    public List<String> resultsBeyondScores() {
        List<String> out = new java.util.ArrayList<>();
        int acdc = eval.acdcSweeps().stream().mapToInt(s -> s.taus().length).sum();
        if (acdc > 0) {
            out.add("ACDC's circuits at " + acdc + " τ");
        }
        if (hybrid.figure() != null) {
            out.add("the hybrid grid");
        }
        if (patching.scatter() != null) {
            out.add("the EAP-vs-patching scatter (" + patching.scatter().size() + " edges)");
        }
        if (!patching.curves().isEmpty()) {
            out.add(patching.curves().size() + (patching.curves().size() == 1 ? " λ-curve" : " λ-curves"));
        }
        if (eval.faithfulness() != null) {
            out.add("the faithfulness curve");
        }
        if (eval.mib().metrics() != null) {
            out.add("MIB's CPR and CMD");
        }
        return out;
    }

    public boolean canSave() {
        return state.result() != null;
    }

    public JobHandle save(Path file) {
        if (state.result() == null) {
            throw new IllegalStateException("Nothing to save yet: run EAP first.");
        }
        long savedChanges = changes;
        Session session = new Session(state.result(), state.device(), state.threshold(), state.hideUnconnected(),
                state.selectedEdge(), evaluation(), List.copyOf(compare.sets().sets()), new Session.CompareChoice(
                        compare.a() == null ? null : compare.a().name(), compare.b() == null ? null : compare.b().name(),
                        compare.colourByDifferenceProperty().get()));
        return files.submit("Save session", context -> {
            SessionJson.write(file, session);
            return file;
        }, new JobListener<Path>() {
            @Override
            public void succeeded(Path value) {
                savedAt = savedChanges;
                state.say("Saved session " + value.toAbsolutePath());
            }

            @Override
            public void failed(Throwable error) {
                errors.report("Could not save the session", error);
            }
        });
    }

    public JobHandle open(Path file) {
        return files.submit("Open session", context -> {
            try {
                Session read = SessionJson.read(file);
                state.rankings().of(read.result().scores());  // ranked here, off the FX thread
                return read;
            } catch (IOException | RuntimeException e) {
                throw SessionFileProblem.explain(file, e);
            }
        }, new JobListener<Session>() {
            @Override
            public void succeeded(Session session) {
                apply(session);
                markSaved();
                state.say("Opened session " + file.getFileName());
            }

            @Override
            public void failed(Throwable error) {
                errors.report("Could not open the session", error);
            }
        });
    }

    /**
     * Shows the scores of a score file (as {@code score} writes, or EAP-IG's graph JSON): its graph drawn with no model
     * loaded. Model jobs refuse on them (no prompt file), as on a session without one.
     */
    public JobHandle openScores(Path file) {
        List<Path> folders = modelFolders.get();
        return files.submit("Open scores", context -> {
            ScoreFileResult opened = ScoreFileResult.read(file, folders);
            state.rankings().of(opened.result().scores());  // ranked here, off the FX thread
            return opened;
        }, new JobListener<ScoreFileResult>() {
            @Override
            public void succeeded(ScoreFileResult opened) {
                // The runs before stay in the window as score sets: unsaved they were, unsaved they remain.
                boolean saved = !hasUnsavedResults();
                compare.sets().keep(opened.result(), opened.name());
                state.showResult(opened.result());
                if (saved) {
                    markSaved();
                }
                state.say("Opened scores " + file.getFileName() + " (" + opened.result().edgeCount() + " edges of "
                        + opened.result().modelDir().getFileName() + "; no model loaded: run EAP to patch or evaluate)");
            }

            @Override
            public void failed(Throwable error) {
                errors.report("Could not open the scores", error);
            }
        });
    }

    /**
     * Where a score file's model is looked for by its SHA-256 when the folder it records is gone: the shipped models,
     * the recent ones, the Model box's (asked for on the FX thread as each file is opened).
     */
    public void lookForModelsIn(java.util.function.Supplier<List<Path>> folders) {
        this.modelFolders = folders;
    }

    /** The evaluation tabs' results as of now (records and lists that are not changed later). */
    private Evaluation evaluation() {
        return new Evaluation(eval.truth(), eval.truthFile(), eval.conventionProperty().get(), eval.acdcSweeps(),
                eval.faithfulness(), patching.scatter(), List.copyOf(patching.curves()), hybrid.figure(), eval.shown(),
                eval.mib().metrics());
    }

    private void apply(Session s) {
        state.chooseModel(s.result().modelDir());
        if (s.result().promptFile() != null) {
            state.choosePrompts(s.result().promptFile());
        }
        state.chooseDevice(s.device());
        state.setThreshold(s.threshold());
        state.setHideUnconnected(s.hideUnconnected());
        // The session's sets replace the window's before its result is shown, so that the result is found among them
        // under its saved name rather than added again under a new one.
        compare.sets().restore(s.scoreSets());
        state.showResult(s.result());
        compare.restore(s.compare().a(), s.compare().b(), s.compare().colourByDifference());
        Evaluation ev = s.evaluation();
        eval.restore(ev.truth(), ev.truthFile(), ev.convention(), ev.acdc(), ev.faithfulness());
        eval.mib().restore(ev.mib());
        patching.restore(ev.scatter(), ev.lambdaCurves());
        hybrid.restore(ev.hybrid());
        if (ev.shown() != null) {
            eval.show(ev.shown());
        }
        if (s.selectedEdge() >= 0) {
            state.select(s.selectedEdge());
        }
    }
}
