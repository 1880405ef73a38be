package org.eapexplorer.engine;

/** A run refused because the memory it needs, named in the message with what is free, is not there. */
public final class InsufficientMemoryException extends IllegalStateException {

    public InsufficientMemoryException(String message) {
        super(message);
    }
}
