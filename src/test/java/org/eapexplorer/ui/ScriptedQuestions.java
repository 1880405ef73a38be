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

    @Override
    public boolean confirm(String title, String message, String action) {
        asked.add(title + ": " + message);
        return confirmAnswer;
    }

    @Override
    public SaveChoice askToSave(String message) {
        asked.add("save? " + message);
        return saveAnswer;
    }

    @Override
    public Path chooseSessionFile(String title, String initialName) {
        asked.add("file: " + title);
        return sessionFile;
    }
}
