package org.eapexplorer.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers the window's questions from a script and records what was asked, for window tests. */
final class ScriptedQuestions implements Questions {

    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile boolean confirmAnswer = true;
    volatile SaveChoice saveAnswer = SaveChoice.DISCARD;
    volatile Path sessionFile;
    /** The action button of the last confirmation asked. */
    volatile String lastAction;
    /** The folder the last save dialog was to start in. */
    volatile java.io.File lastFolder;

    @Override
    public boolean confirm(String title, String message, String action) {
        asked.add(title + ": " + message);
        lastAction = action;
        return confirmAnswer;
    }

    @Override
    public SaveChoice askToSave(String message) {
        asked.add("save? " + message);
        return saveAnswer;
    }

    @Override
    public Path chooseSessionFile(String title, String initialName, java.io.File folder) {
        lastFolder = folder;
        asked.add("file: " + title);
        return sessionFile;
    }
}
