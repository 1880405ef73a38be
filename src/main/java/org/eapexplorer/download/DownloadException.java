package org.eapexplorer.download;

import java.io.IOException;

/** A download that did not complete: the message says which file, from where, and what went wrong. */
public class DownloadException extends IOException {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
