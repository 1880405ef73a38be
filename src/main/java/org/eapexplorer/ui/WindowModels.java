package org.eapexplorer.ui;

import org.eapexplorer.ui.compare.CompareViewModel;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.HybridViewModel;
import org.eapexplorer.ui.export.ExportViewModel;
import org.eapexplorer.ui.patching.PatchingViewModel;
import org.eapexplorer.ui.run.DiagnosticsViewModel;
import org.eapexplorer.ui.run.DownloadViewModel;
import org.eapexplorer.ui.run.LibtorchViewModel;
import org.eapexplorer.ui.run.RunViewModel;
import org.eapexplorer.ui.session.SessionViewModel;

/** The state and view models a window binds to, built by the composition root. */
public record WindowModels(AppState state, CircuitViewModel circuits, RunViewModel run, ExportViewModel export,
                           SessionViewModel sessions, ErrorReporter errors, Questions questions, DownloadViewModel download,
                           PatchingViewModel patching, EvalViewModel eval, HybridViewModel hybrid,
                           CompareViewModel compare, DiagnosticsViewModel diagnostics,
                           LibtorchViewModel libtorch, LastFolders folders) {
}
