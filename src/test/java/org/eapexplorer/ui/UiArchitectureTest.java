package org.eapexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The UI's lines from STYLE.md, checked on the sources: JavaFX scene code only in ui, no threads made by views. */
class UiArchitectureTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "eapexplorer");

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void onlyTheUiPackageImportsJavaFxScenes() throws IOException {
        List<String> offenders = sources(MAIN).stream()
                .filter(p -> !p.startsWith(MAIN.resolve("ui")))
                .filter(p -> read(p).contains("import javafx.scene"))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void modelTaskAndCorePackagesDoNotDependOnJavaFx() throws IOException {
        List<String> offenders = Stream.of("model", "jobs", "attribution", "engine", "runtime", "training", "family", "safetensors", "tokenizer", "circuit", "io").map(MAIN::resolve)
                .filter(Files::isDirectory)
                .flatMap(dir -> {
                    try {
                        return sources(dir).stream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .filter(p -> read(p).contains("import javafx."))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void viewsStartNoThreadsAndTouchNoEngine() throws IOException {
        List<String> offenders = sources(MAIN.resolve("ui")).stream()
                .filter(p -> {
                    String text = read(p);
                    boolean engineAllowed = p.getFileName().toString().equals("ModelCache.java")
                            || p.getFileName().toString().equals("RunEapJob.java");
                    return text.contains("new Thread(")
                            || (!engineAllowed && (text.contains("import ai.djl") || text.contains("engine.LanguageModel")
                                    || text.contains("tokenizer.Tokenizer")));
                })
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
    }

    /**
     * A family is what its checkpoint means, not how it is computed: family/ imports neither DJL nor the engine, so the
     * engine is the one place that computes and a new family cannot grow a compute path of its own.
     */
    @Test
    void familiesArePlainJava() throws IOException {
        List<String> offenders = sources(MAIN.resolve("family")).stream()
                .filter(p -> read(p).contains("import ai.djl") || read(p).contains("org.eapexplorer.engine."))
                .map(Path::toString).toList();
        assertEquals(List.of(), offenders);
        assertTrue(sources(MAIN.resolve("family")).size() >= 8, "the family package is where this test looks");
    }

    /** ui and cli are two shells over the core: neither reaches into the other, and the core into neither. */
    @Test
    void dependenciesPointOneWay() throws IOException {
        List<String> offenders = new java.util.ArrayList<>();
        for (Path p : sources(MAIN.resolve("ui"))) {
            if (read(p).contains("org.eapexplorer.cli.")) {
                offenders.add(p + " uses cli");
            }
        }
        for (Path p : sources(MAIN.resolve("cli"))) {
            if (read(p).contains("org.eapexplorer.ui.")) {
                offenders.add(p + " uses ui");
            }
        }
        for (String core : List.of("model", "attribution", "engine", "runtime", "training", "family", "safetensors", "tokenizer", "circuit", "io", "eval", "stats", "tasks", "jobs", "download")) {
            if (!Files.isDirectory(MAIN.resolve(core))) {
                continue;
            }
            for (Path p : sources(MAIN.resolve(core))) {
                String text = read(p);
                if (text.contains("org.eapexplorer.ui.") || text.contains("org.eapexplorer.cli.")) {
                    offenders.add(p + " uses ui or cli");
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    /**
     * engine is the compute path and runtime the libtorch it runs on: the compute path never reaches into the model
     * writers (training uses engine through DifferentiableForward, not the other way round), and runtime knows neither.
     */
    @Test
    void computePathDoesNotDependOnModelWriting() throws IOException {
        List<String> offenders = new java.util.ArrayList<>();
        for (Path p : sources(MAIN.resolve("engine"))) {
            if (read(p).contains("org.eapexplorer.training.")) {
                offenders.add(p + " uses training");
            }
        }
        for (Path p : sources(MAIN.resolve("runtime"))) {
            String text = read(p);
            if (text.contains("org.eapexplorer.engine.") || text.contains("org.eapexplorer.training.")) {
                offenders.add(p + " uses engine or training");
            }
        }
        assertEquals(List.of(), offenders);
        assertTrue(sources(MAIN.resolve("engine")).size() >= 10 && sources(MAIN.resolve("runtime")).size() >= 5,
                "engine and runtime are where this test looks");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
