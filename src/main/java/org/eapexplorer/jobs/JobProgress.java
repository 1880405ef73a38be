package org.eapexplorer.jobs;

/**
 * A snapshot of a job's progress as the UI shows it.
 *
 * @param fraction done/total in [0, 1], or -1 when the job cannot tell (an indeterminate bar)
 */
public record JobProgress(String title, double fraction, String message) {

    static JobProgress of(String title, long done, long total, String message) {
        double fraction = total > 0 && done >= 0 ? Math.min(1.0, (double) done / total) : -1;
        return new JobProgress(title, fraction, message == null ? "" : message);
    }
}
