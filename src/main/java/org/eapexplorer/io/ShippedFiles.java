package org.eapexplorer.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models, prompt sets and ground-truth circuits the program ships (the window offers them by these names), found
 * through {@link InstallRoots}, so the command line takes {@code --model induction-2l} or {@code --prompts
 * induction.jsonl} from any working directory, as the installed program's window does. A path that exists is always
 * taken as given; only a name that is no existing path is looked up here.
 */
public record ShippedFiles(InstallRoots roots) {

    /** One kind of shipped file: where it lives beside the program, and what an entry of that folder must be. */
    public enum Kind {
        MODEL("model", Path.of("assets", "models"), "a model folder"),
        PROMPTS("prompt set", Path.of("sample-prompts"), "a prompt file"),
        GROUND_TRUTH("ground truth", Path.of("assets", "groundtruth"), "a ground-truth file");

        private final String noun;
        private final Path folder;
        private final String pathNoun;

        Kind(String noun, Path folder, String pathNoun) {
            this.noun = noun;
            this.folder = folder;
            this.pathNoun = pathNoun;
        }

        /** "model", "prompt set", "ground truth". */
        public String noun() {
            return noun;
        }

        /** The folder, relative to an install root, that holds the shipped files of this kind. */
        public Path folder() {
            return folder;
        }

        boolean accepts(Path entry) {
            String name = entry.getFileName().toString();
            return switch (this) {
                case MODEL -> Files.isRegularFile(entry.resolve("config.json"));
                case PROMPTS -> name.endsWith(".jsonl") && Files.isRegularFile(entry);
                case GROUND_TRUTH -> name.endsWith(".json") && Files.isRegularFile(entry);
            };
        }
    }

    public static ShippedFiles detect() {
        return new ShippedFiles(InstallRoots.detect());
    }

    /** Name → path of every shipped file of this kind, by name, from the first install root that has the folder. */
    public Map<String, Path> list(Kind kind) {
        Map<String, Path> found = new LinkedHashMap<>();
        Optional<Path> folder = roots.find(kind.folder).filter(Files::isDirectory);
        if (folder.isEmpty()) {
            return found;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder.get())) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(folder.get() + ": the shipped " + kind.noun + "s' folder cannot be read", e);
        }
        entries.stream().filter(kind::accepts).sorted()
                .forEach(p -> found.put(p.getFileName().toString(), p.toAbsolutePath().normalize()));
        return found;
    }

    /**
     * What an option's value names: the path itself when it exists; else the shipped file of that name
     * ({@code induction-2l}, {@code induction.jsonl}) or at that place beside the program ({@code
     * assets/models/induction-2l}).
     *
     * @throws IllegalArgumentException for a value that is neither, naming it and listing the shipped names
     */
    public Path resolve(Kind kind, String value) {
        Path given = Path.of(value);
        if (Files.exists(given)) {
            return given;
        }
        Map<String, Path> shipped = list(kind);
        Path byName = shipped.get(value);
        if (byName != null) {
            return byName;
        }
        if (!given.isAbsolute()) {
            Optional<Path> beside = roots.find(given).filter(p -> kind.accepts(p));
            if (beside.isPresent()) {
                return beside.get().toAbsolutePath().normalize();
            }
        }
        String names = shipped.isEmpty() ? "none found beside the program (looked in " + roots.roots().stream()
                .map(r -> r.resolve(kind.folder).toString()).toList() + ")" : String.join(", ", shipped.keySet());
        throw new IllegalArgumentException(value + ": no such file or folder, and no shipped " + kind.noun
                + " of that name (expected " + kind.pathNoun + " or one of the shipped " + kind.noun + "s: " + names + ")");
    }
}
