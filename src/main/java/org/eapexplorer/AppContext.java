package org.eapexplorer;

import java.util.concurrent.Executor;
import org.eapexplorer.io.PatchCache;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.jobs.WorkerTaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.Questions;
import org.eapexplorer.ui.ScoreSets;
import org.eapexplorer.ui.WindowModels;
import org.eapexplorer.ui.compare.CompareViewModel;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.HybridViewModel;
import org.eapexplorer.ui.export.ExportViewModel;
import org.eapexplorer.ui.patching.PatchingViewModel;
import org.eapexplorer.ui.run.DownloadViewModel;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.ModelCache;
import org.eapexplorer.ui.run.RecentModels;
import org.eapexplorer.ui.run.RunViewModel;
import org.eapexplorer.ui.session.SessionViewModel;

/**
 * The composition root: builds the executors, the state and the view models, and owns their shutdown.
 * Nothing else in the program is global. Model work goes to one worker thread; exports and session files to a
 * second, so that saving a figure never waits behind a long EAP run.
 */
public final class AppContext implements AutoCloseable {

    private final TaskExecutor modelWorker;
    private final TaskExecutor fileWorker;
    private final InstallLocations locations;
    private final WindowModels models;

    public AppContext(TaskExecutor modelWorker, TaskExecutor fileWorker, ErrorReporter errors, Questions questions,
                      RecentModels recent, InstallLocations locations) {
        this(modelWorker, fileWorker, errors, questions, recent, locations, PatchCache.defaultDirectory());
    }

    /** @param patchCacheDir where exact patching results are kept: patch-all's default folder, or a test's own */
    public AppContext(TaskExecutor modelWorker, TaskExecutor fileWorker, ErrorReporter errors, Questions questions,
                      RecentModels recent, InstallLocations locations, java.nio.file.Path patchCacheDir) {
        this.modelWorker = modelWorker;
        this.fileWorker = fileWorker;
        this.locations = locations;
        AppState state = new AppState();
        CircuitViewModel circuits = new CircuitViewModel(state);
        // Before the view models that read the sets, so that a new result is among them when they hear of it.
        ScoreSets scoreSets = new ScoreSets(state);
        CompareViewModel compare = new CompareViewModel(state, scoreSets);
        ModelCache cache = new ModelCache();
        PatchingViewModel patching = new PatchingViewModel(state, scoreSets, circuits, modelWorker, fileWorker, cache, patchCacheDir, errors);
        EvalViewModel eval = new EvalViewModel(state, circuits, patching.scatterProperty(), modelWorker, fileWorker, cache, errors);
        HybridViewModel hybrid = new HybridViewModel(state, circuits, eval, modelWorker, fileWorker, cache, errors);
        eval.compareWith(scoreSets);
        SessionViewModel sessions = new SessionViewModel(state, fileWorker, errors, eval, patching, hybrid, compare);
        sessions.lookForModelsIn(() -> modelFolders(state, recent, locations));
        RunViewModel run = new RunViewModel(state, modelWorker, cache, recent, locations, errors, questions,
                sessions::resultsBeyondScores);
        ExportViewModel export = new ExportViewModel(state, circuits, fileWorker, errors,
                new org.eapexplorer.ui.export.PaletteSetting(recent.besideThis("palette.txt")));
        // Figures of the graph show what the window's graph shows, coloured by B − A too.
        export.colourBy(compare.differenceProperty(), () -> compare.a() == null || compare.b() == null ? null
                : "A = " + compare.a().name() + ", B = " + compare.b().name());
        this.models = new WindowModels(state, circuits, run, export,
                sessions, errors, questions,
                new DownloadViewModel(state, modelWorker, run, errors),
                patching,
                eval, hybrid, compare, new org.eapexplorer.ui.run.DiagnosticsViewModel(modelWorker),
                new org.eapexplorer.ui.run.LibtorchViewModel(state, recent.besideThis("libtorch.txt")),
                new org.eapexplorer.ui.LastFolders(recent.besideThis("folders.txt")));
    }

    /** The folders a score file's model may be in, by SHA-256: the Model box's, the recent models, every shipped model. */
    private static java.util.List<java.nio.file.Path> modelFolders(AppState state, RecentModels recent, InstallLocations locations) {
        java.util.List<java.nio.file.Path> out = new java.util.ArrayList<>();
        if (state.modelDir() != null) {
            out.add(state.modelDir());
        }
        out.addAll(recent.list());
        locations.find(InstallLocations.DEFAULT_MODEL.getParent()).ifPresent(models -> {
            try (java.util.stream.Stream<java.nio.file.Path> dirs = java.nio.file.Files.list(models)) {
                dirs.filter(java.nio.file.Files::isDirectory).sorted().forEach(out::add);
            } catch (java.io.IOException e) {
                // no shipped models to look in
            }
        });
        return out;
    }

    /** The application's context: worker threads that report to {@code uiThread} (Platform::runLater). */
    public static AppContext create(Executor uiThread, ErrorReporter errors, Questions questions, RecentModels recent,
                                    InstallLocations locations) {
        return new AppContext(new WorkerTaskExecutor(uiThread), new WorkerTaskExecutor(uiThread), errors, questions, recent,
                locations);
    }

    /** As above, keeping exact patching results in {@code patchCacheDir} instead of patch-all's default folder. */
    public static AppContext create(Executor uiThread, ErrorReporter errors, Questions questions, RecentModels recent,
                                    InstallLocations locations, java.nio.file.Path patchCacheDir) {
        return new AppContext(new WorkerTaskExecutor(uiThread), new WorkerTaskExecutor(uiThread), errors, questions, recent,
                locations, patchCacheDir);
    }

    public WindowModels models() {
        return models;
    }

    public AppState state() {
        return models.state();
    }

    public InstallLocations locations() {
        return locations;
    }

    /** Cancels running work, frees the model on its own thread, and stops the workers. */
    @Override
    public void close() {
        models.run().cancel();
        models.patching().cancel();
        models.eval().cancel();
        models.run().releaseModel();
        modelWorker.close();
        fileWorker.close();
    }
}
