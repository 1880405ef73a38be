package org.eapexplorer.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line for a libtorch that failed to load: which folder, which file, and the linker's reason, dug out of DJL's
 * "Failed to load PyTorch native library" whose cause chain holds the {@link UnsatisfiedLinkError} with dlopen's text
 * ("/dir/libc10.so: /dir/libc10.so: invalid ELF header", "…: undefined symbol: …").
 */
final class LibtorchLoadFailure {

    /** dlopen's message: the path, then (often repeated) the path and the reason. */
    private static final Pattern DLERROR = Pattern.compile("(/[^:]+?): (?:\\1: )?(.+)", Pattern.DOTALL);

    private LibtorchLoadFailure() {
    }

    static String describe(LibtorchChoice choice, Throwable failure) {
        String folder = choice.folder().map(f -> "libtorch " + f.lib() + " (" + choice.origin() + ")").orElse("the bundled CPU libtorch");
        Throwable reason = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            reason = t;
            if (t instanceof UnsatisfiedLinkError) {
                break;
            }
        }
        String text = String.valueOf(reason.getMessage()).replaceAll("\\s+", " ").trim();
        Matcher m = DLERROR.matcher(text);
        if (m.matches()) {
            String file = m.group(1);
            String name = file.substring(file.lastIndexOf('/') + 1);
            return folder + " failed to load " + name + ": " + m.group(2) + " (" + file + ")";
        }
        return folder + " failed to load: " + (reason == failure ? "" : reason.getClass().getSimpleName() + ": ") + text;
    }
}
