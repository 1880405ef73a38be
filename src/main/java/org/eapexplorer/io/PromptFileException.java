package org.eapexplorer.io;

import java.io.IOException;

/** A prompt file that cannot be used; the message names the file, the line and what was expected. */
public class PromptFileException extends IOException {
    public PromptFileException(String message) {
        super(message);
    }
}
