package org.eapexplorer.model;

import java.io.IOException;

/** A model directory that cannot be used: the message names the file, the key or tensor, and what was expected. */
public class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
