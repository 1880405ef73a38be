package org.eapexplorer.attribution;

/** Receives progress of long work, from the worker thread; implementations hand it on to where it is shown. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, message) -> { };

    /** {@code done} of {@code total} units are finished; {@code message} says what is happening now. */
    void progress(long done, long total, String message);
}
