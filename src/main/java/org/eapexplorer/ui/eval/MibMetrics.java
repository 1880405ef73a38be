package org.eapexplorer.ui.eval;

import java.util.Locale;
import org.eapexplorer.eval.MibCurve;

/**
 * MIB's two circuit metrics of one score set, as the Faithfulness tab shows them: CPR from the signed ranking and CMD
 * from the absolute one, each with faithfulness at MIB's edge fractions ({@link org.eapexplorer.eval.MibCircuitMetrics}
 * says what was matched against MIB's code).
 */
public record MibMetrics(MibCurve cpr, MibCurve cmd) {

    public MibMetrics {
        if (!"signed".equals(cpr.ranking()) || !"absolute".equals(cmd.ranking())) {
            throw new IllegalArgumentException("CPR comes from the signed ranking and CMD from the absolute one, got "
                    + cpr.ranking() + " and " + cmd.ranking());
        }
    }

    /** "CPR 0.812 (signed ranking)   CMD 0.123 (absolute ranking)": the numbers with the ranking each used. */
    public String describe() {
        return String.format(Locale.ROOT, "CPR %.4f (signed ranking)   CMD %.4f (absolute ranking)", cpr.area(), cmd.area());
    }
}
