package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    @Test
    void showsTheMessageOfTheMeaningfulCause() {
        IOException cause = new IOException("prompts.jsonl:3: missing \"answer\"");
        assertEquals("prompts.jsonl:3: missing \"answer\"", ErrorReporter.describe(new ExecutionException(cause)));
        assertEquals("prompts.jsonl:3: missing \"answer\"", ErrorReporter.describe(new UncheckedIOException(cause)));
    }

    @Test
    void namesErrorsThatHaveNoMessage() {
        assertEquals("No such file or folder: /x/y", ErrorReporter.describe(new NoSuchFileException("/x/y")));
        assertEquals("Illegal State Exception", ErrorReporter.describe(new IllegalStateException()));
    }
}
