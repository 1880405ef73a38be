package org.eapexplorer.ui.eval;

import org.eapexplorer.eval.RocCurve;

/** The ROC curve of one of the window's other score sets against the same reference circuit, under its set's name. */
public record ScoreSetCurve(String name, RocCurve curve) {
}
