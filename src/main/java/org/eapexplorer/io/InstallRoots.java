package org.eapexplorer.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the program's shipped files (assets/, sample-prompts/) are, for every part of the program: the working
 * directory, the folder of the running jar (lib/app/ of an installed image, where they are copied beside it) and
 * that folder's parent (the project, for target/eap-explorer.jar). The first that has a file wins, so an
 * installed program finds its files from any working directory. The window's
 * {@code ui.run.InstallLocations} builds on it.
 */
public record InstallRoots(List<Path> roots) {

    public InstallRoots {
        roots = List.copyOf(roots);
    }

    /** The working directory and the places around the running jar or classes folder. */
    public static InstallRoots detect() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(code -> {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            if (dir != null) {
                roots.add(dir);
                if (dir.getParent() != null) {
                    roots.add(dir.getParent());
                }
            }
        });
        return new InstallRoots(roots.stream().map(Path::normalize).distinct().toList());
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

    /** The shipped file where it is found, else {@code relative} as given, so a message names what was looked for. */
    public Path resolve(Path relative) {
        return find(relative).orElse(relative);
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = InstallRoots.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
