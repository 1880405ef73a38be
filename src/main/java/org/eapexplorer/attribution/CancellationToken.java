package org.eapexplorer.attribution;

import java.util.concurrent.CancellationException;

/** Set by whoever started the work (the window's Cancel button, Ctrl-C); checked by the work between steps. */
public final class CancellationToken {

    public static final CancellationToken NEVER = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this != NEVER) {
            cancelled = true;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }
}
