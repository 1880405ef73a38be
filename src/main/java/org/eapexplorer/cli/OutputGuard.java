package org.eapexplorer.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Refuses, before any work, outputs that would destroy the run's own inputs: {@code score --out M/model.safetensors}
 * would replace the model it is computed from, and {@code evaluate --out} onto its {@code --truth} the truth. Paths are
 * compared after resolving links, so a link, a hard link or {@code dir/../file} spelling of an input is caught too.
 * One check for every command that writes (the command line's, through {@link WritesFiles}, and the window's
 * {@code --screenshot}): an output file must not be an input file nor lie inside an input folder (the model's); an
 * output folder must not be, contain or lie inside an input; two outputs of one run must not be the same file, nor
 * one lie in the other's folder. An
 * output whose folder cannot be written, or a file where a folder is expected (and the reverse), is refused here too,
 * so that a long run does not fail only at its end.
 */
public final class OutputGuard {

    /**
     * An output of the run: a file, or a folder it writes files into; {@code whole} for a folder the run writes whole
     * (a model's), refused when it holds anything unless {@code force} (the run then replaces it whole).
     */
    public record Output(String option, Path path, boolean folder, boolean whole, boolean force) {
        public Output {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(path, "path");
        }

        public Output(String option, Path path, boolean folder) {
            this(option, path, folder, false, false);
        }

        /** A folder the run writes whole ({@link org.eapexplorer.io.StagedFolder}); null when the option was not given. */
        public static Output wholeFolder(String option, Path path, boolean force) {
            return path == null ? null : new Output(option, path, true, true, force);
        }

        /** Null when the option was not given. */
        public static Output file(String option, Path path) {
            return path == null ? null : new Output(option, path, false);
        }

        /** Null when the option was not given. */
        public static Output folder(String option, Path path) {
            return path == null ? null : new Output(option, path, true);
        }
    }

    /** An input of the run, a file or a folder (the model's), that no output may replace or write into. */
    public record Input(String option, Path path) {
        public Input {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(path, "path");
        }

        /** Null when the option was not given. */
        public static Input of(String option, Path path) {
            return path == null ? null : new Input(option, path);
        }
    }

    private static final String DESTROYS = ": writing there would destroy the run's own input; choose another ";

    private OutputGuard() {
    }

    /**
     * @throws IllegalArgumentException naming the output and the input it would destroy, or what is wrong with the
     *                                  output's path
     */
    public static void check(List<Output> outputs, List<Input> inputs) {
        List<Output> present = outputs.stream().filter(Objects::nonNull).toList();
        for (Output out : present) {
            checkWritable(out);
            for (Input in : inputs) {
                if (in != null) {
                    checkApart(out, in);
                }
            }
        }
        for (int a = 0; a < present.size(); a++) {
            for (int b = a + 1; b < present.size(); b++) {
                checkApart(present.get(a), present.get(b));
            }
        }
        for (Output out : present) {
            checkEmpty(out);
        }
    }

    private static void checkApart(Output out, Input in) {
        Set<Path> outForms = forms(out.path());
        boolean inputFolder = Files.isDirectory(in.path());
        for (Path o : outForms) {
            for (Path i : forms(in.path())) {
                if (o.equals(i) || sameFile(o, i)) {
                    throw clash(out, in, "is the same " + (inputFolder ? "folder" : "file") + " as");
                }
                if (inputFolder && o.startsWith(i)) {
                    throw clash(out, in, "lies inside");
                }
                if (out.folder() && i.startsWith(o)) {
                    throw clash(out, in, "contains");
                }
            }
        }
        if (!inputFolder) {
            return;
        }
        // A model folder's files may be links elsewhere (the Hugging Face cache's snapshots point into blobs/).
        for (Path link : links(in.path())) {
            Path target = realOrSelf(link.toAbsolutePath());
            for (Path o : outForms) {
                if (o.equals(target) || out.folder() && target.startsWith(o)) {
                    throw new IllegalArgumentException(out.option() + " " + out.path() + (out.folder() ? " holds " : " is ")
                            + target + ", which " + link + " in " + in.option() + " " + in.path() + " links to" + DESTROYS
                            + (out.folder() ? "folder" : "path") + " for " + out.option());
                }
            }
        }
    }

    /** Two outputs of one run: not the same file, and not one inside a folder the run fills. */
    private static void checkApart(Output x, Output y) {
        if (!x.folder() && !y.folder() && forms(x.path()).stream().anyMatch(forms(y.path())::contains)) {
            throw new IllegalArgumentException(x.option() + " " + x.path() + " and " + y.option() + " " + y.path()
                    + " are the same file: give each output its own path");
        }
        // A folder output is filled with files of the command's choosing, which another output must not meet.
        Output folder = x.folder() ? x : y;
        Output other = x.folder() ? y : x;
        if (folder.folder() && forms(other.path()).stream().anyMatch(o -> forms(folder.path()).stream().anyMatch(o::startsWith))) {
            throw new IllegalArgumentException(other.option() + " " + other.path() + " lies inside " + folder.option() + " "
                    + folder.path() + ", which this run fills with its own files: give each output its own path");
        }
    }

    private static IllegalArgumentException clash(Output out, Input in, String relation) {
        return new IllegalArgumentException(out.option() + " " + out.path() + " " + relation + " " + in.option() + " " + in.path()
                + DESTROYS + (out.folder() ? "folder" : "path") + " for " + out.option());
    }

    /** A file where a folder is meant (and the reverse), or an unwritable folder, fails now rather than after the run. */
    private static void checkWritable(Output out) {
        Path path = out.path().toAbsolutePath();
        if (out.folder() && Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException(out.option() + " " + out.path() + " is a file, expected a folder");
        }
        if (!out.folder() && Files.isDirectory(path)) {
            throw new IllegalArgumentException(out.option() + " " + out.path() + " is a folder, expected a file name");
        }
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException("cannot write " + out.option() + " " + out.path() + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException("cannot write " + out.option() + " " + out.path() + ": folder " + existing
                    + " is read-only (no permission to write in it)");
        }
    }

    /** A folder the run writes whole must be new or empty unless --force: checked after the inputs, whose clash says more. */
    private static void checkEmpty(Output out) {
        Path path = out.path().toAbsolutePath();
        if (out.whole() && !out.force() && Files.isDirectory(path)) {
            List<String> entries = entries(path);
            if (!entries.isEmpty()) {
                throw new IllegalArgumentException(out.option() + " " + out.path() + " is not empty (" + String.join(", ", entries)
                        + "): the run writes a whole model folder, and files of another model beside it would be read with it; "
                        + "give a new or empty folder, or --force to replace this one whole");
            }
        }
    }

    /**
     * The ways a path can name a file after links are resolved: its folder's real path with its own name (what a
     * move onto it replaces: a link itself) and, if it exists, its own real path (what a link points to).
     */
    static Set<Path> forms(Path path) {
        Set<Path> forms = new LinkedHashSet<>();
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        forms.add(parent == null ? absolute : realOrSelf(parent).resolve(absolute.getFileName()));
        if (Files.exists(absolute)) {
            forms.add(realOrSelf(absolute));
        }
        return forms;
    }

    /** The real path of the deepest existing ancestor, with the rest of the path appended. */
    private static Path realOrSelf(Path absolute) {
        Path existing = absolute;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            real = existing;
        }
        for (Path name : rest) {
            real = real.resolve(name);
        }
        return real;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a, LinkOption.NOFOLLOW_LINKS) && Files.exists(b, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The first few names in a folder, and how many more, for the message refusing a non-empty one. */
    private static List<String> entries(Path folder) {
        List<String> names = new ArrayList<>();
        int count = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                if (count++ < 4) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            names.add("cannot be listed: " + e.getMessage());
        }
        java.util.Collections.sort(names);
        if (count > 4) {
            names.add((count - 4) + " more");
        }
        return names;
    }

    /** A folder's entries that are links (a few per model folder; nothing is read). */
    private static List<Path> links(Path folder) {
        List<Path> links = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                if (Files.isSymbolicLink(p)) {
                    links.add(p);
                }
            }
        } catch (IOException e) {
            // an unlistable folder: the direct comparisons above still hold
        }
        return links;
    }
}
