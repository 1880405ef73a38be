package org.eapexplorer.cli;

import org.eapexplorer.attribution.ProgressListener;

/** Progress of long work on standard error, one line per step, so standard output stays clean for results. */
final class StderrProgress implements ProgressListener {

    private final long start = System.nanoTime();

    @Override
    public void progress(long done, long total, String message) {
        System.err.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, message);
    }

    void say(String message) {
        progress(0, 0, message);
    }
}
