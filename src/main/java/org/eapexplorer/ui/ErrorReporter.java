package org.eapexplorer.ui;

/** Where failures of user actions go: a dialog in the window, a list in tests. */
@FunctionalInterface
public interface ErrorReporter {

    void report(String title, Throwable error);

    /** The text a user sees for an error: its message, never a stack trace. */
    static String describe(Throwable error) {
        Throwable t = error;
        // Wrappers (ExecutionException, UncheckedIOException …) carry their cause's message or none of their own.
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            if (t instanceof OutOfMemoryError) {
                return "Out of memory. Try fewer prompts or a smaller model, or give Java more memory (-Xmx).";
            }
            if (t instanceof UnsatisfiedLinkError) {
                return "A native library could not be loaded.";
            }
            return t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2");
        }
        if (t instanceof java.nio.file.FileSystemException f) {
            String words = org.eapexplorer.io.FileErrors.describe(f);
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        return message;
    }
}
