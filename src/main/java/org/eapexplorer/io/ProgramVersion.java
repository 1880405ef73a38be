package org.eapexplorer.io;

/** This program's version, as the files it writes record it and as the window and the command line report it. */
public final class ProgramVersion {

    public static final String VERSION = "0.1.0";

    /**
     * The revision of what the program computes from the same files: raise it with every change that changes a number
     * (a config key newly read, a fix to the forward pass), so that stored results keyed on it (the patching cache) are
     * computed again rather than served from an older computation. 2: transformers v5's rope_parameters read (issue 24).
     */
    public static final int NUMERICS = 2;

    private ProgramVersion() {
    }
}
