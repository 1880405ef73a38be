package org.eapexplorer.io;

/** This program's version, as the files it writes record it and as the window and the command line report it. */
public final class ProgramVersion {

    public static final String VERSION = "0.1.0";

    private ProgramVersion() {
    }
}
