package org.eapexplorer.ui.export;

import org.eapexplorer.circuit.Caption;
import org.eapexplorer.circuit.Cut;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.ThresholdMode;

/** The automatic caption of a figure the window exports: what is on screen, read on the FX thread. */
public final class FigureCaptions {

    private FigureCaptions() {
    }

    /** Model, prompts, metric, method and the threshold of the current result; null before there is one. */
    public static Caption of(AppState state) {
        AnalysisResult r = state.result();
        if (r == null) {
            return null;
        }
        Threshold t = state.threshold();
        String cut = t == null ? null : (t.mode() == ThresholdMode.TOP_K ? new Cut.TopK(t.k()) : new Cut.AtLeast(t.value())).describe();
        return of(r, cut);
    }

    /** As above with the cut said by the caller, e.g. a circuit's own {@code describe()}. */
    public static Caption of(AnalysisResult r, String cut) {
        String prompts = r.promptFile() == null ? r.promptSource() : r.promptFile().toString();
        // A result whose source did not say how it was made says "method unknown", never a guess.
        return new Caption(Caption.lastName(r.modelDir().toString()), Caption.lastName(prompts), r.metric().jsonName(),
                r.method() == null ? null : r.method().describe(), cut);
    }
}
