package org.eapexplorer.ui.run;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.engine.ComputeDevice;

/**
 * Where the shipped files are: the working directory, the directory of the jar, and the jar directory's parent
 * (target/eap-explorer.jar inside the project, lib/ inside an installed image). The first that has a file wins.
 */
public final class InstallLocations {

    public static final Path DEFAULT_MODEL = Path.of("assets", "models", "induction-2l");
    public static final Path DEFAULT_PROMPTS = Path.of("sample-prompts", "induction.jsonl");
    public static final Path SAMPLE_DIR = Path.of("sample-prompts");

    private final List<Path> roots;

    public InstallLocations(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The working directory and the places around the running jar. */
    public static InstallLocations detect() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(jar -> {
            Path dir = Files.isDirectory(jar) ? jar : jar.getParent();
            if (dir != null) {
                roots.add(dir);
                if (dir.getParent() != null) {
                    roots.add(dir.getParent());
                }
            }
        });
        return new InstallLocations(roots.stream().map(Path::normalize).distinct().toList());
    }

    public List<Path> roots() {
        return roots;
    }

    public Optional<Path> find(Path relative) {
        for (Path root : roots) {
            Path candidate = root.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The built-in model and its prompts, when both are installed. */
    public Optional<RunRequest> defaultRun() {
        Optional<Path> model = find(DEFAULT_MODEL).filter(p -> Files.isRegularFile(p.resolve("config.json")));
        Optional<Path> prompts = find(DEFAULT_PROMPTS);
        if (model.isEmpty() || prompts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunRequest(model.get(), prompts.get(), ComputeDevice.AUTO));
    }

    /** The shipped prompt files by file name, from the first sample-prompts folder found. */
    public Map<String, Path> samplePrompts() {
        Map<String, Path> files = new LinkedHashMap<>();
        Optional<Path> dir = find(SAMPLE_DIR).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return files;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir.get(), "*.jsonl")) {
            stream.forEach(found::add);
        } catch (IOException e) {
            return files; // an unreadable folder offers nothing; the user can still browse for a file
        }
        found.stream().sorted().forEach(p -> files.put(p.getFileName().toString(), p));
        return files;
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = InstallLocations.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
