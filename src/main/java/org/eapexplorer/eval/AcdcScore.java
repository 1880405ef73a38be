package org.eapexplorer.eval;

/** What ACDC minimises while it removes edges. */
public enum AcdcScore {
    /** KL(clean ‖ circuit) of the next-token distribution at the last token (ACDC's recommendation). */
    KL,
    /** The task metric, negated (logit or probability difference: removing an important edge lowers it). */
    TASK
}
