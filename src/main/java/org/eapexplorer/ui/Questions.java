package org.eapexplorer.ui;

import java.nio.file.Path;

/**
 * What the window asks before it throws work away (re-running EAP over computed results, quitting with unsaved
 * ones): modal dialogs in the window, scripted answers in tests, as {@link ErrorReporter} is for failures.
 */
public interface Questions {

    /** The answers to "save before quitting?". */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    /** Asks whether to go ahead with {@code action} (the label of the button that does it); false means leave things as they are. */
    boolean confirm(String title, String message, String action);

    /** Asks whether to save unsaved results first (Save / Discard / Cancel). */
    SaveChoice askToSave(String message);

    /** Asks where to save a session, starting in {@code folder} (null: the dialog's own choice); null when the user cancels. */
    Path chooseSessionFile(String title, String initialName, java.io.File folder);
}
