package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.io.InstallRoots;
import org.eapexplorer.runtime.ComputeDevice;

/**
 * Where the shipped files the window offers are (the built-in model, the sample prompts, the ground-truth
 * circuits), found through {@link InstallRoots}: the working directory, the directory of the jar, and the jar
 * directory's parent (target/eap-explorer.jar inside the project, lib/ inside an installed image).
 */
public final class InstallLocations {

    public static final Path DEFAULT_MODEL = Path.of("assets", "models", "induction-2l");
    public static final Path DEFAULT_PROMPTS = Path.of("sample-prompts", "induction.jsonl");
    public static final Path SAMPLE_DIR = Path.of("sample-prompts");
    public static final Path GROUND_TRUTH_DIR = Path.of("assets", "groundtruth");

    private final InstallRoots roots;

    public InstallLocations(List<Path> roots) {
        this.roots = new InstallRoots(roots);
    }

    /** The working directory and the places around the running jar. */
    public static InstallLocations detect() {
        return new InstallLocations(InstallRoots.detect().roots());
    }

    public List<Path> roots() {
        return roots.roots();
    }

    public Optional<Path> find(Path relative) {
        return roots.find(relative);
    }

    /** The shipped ground-truth circuits' folder, where the ROC tab's Load truth… starts. */
    public Optional<Path> groundTruthFolder() {
        return find(GROUND_TRUTH_DIR).filter(Files::isDirectory);
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
}
