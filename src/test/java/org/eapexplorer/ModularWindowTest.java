package org.eapexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 9: the window starts with JavaFX as named modules, so JavaFX has no reason to print
 * "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'". Checked on a jar of the
 * program's classes, as {@code java -jar} runs it, without starting the toolkit.
 */
class ModularWindowTest {

    @TempDir
    Path dir;

    private Path programJar() throws IOException {
        Path classes = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = dir.resolve("eap-explorer.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void theWindowsJavaFxIsANamedExplicitModule() throws Exception {
        Class<?> app = ModularWindow.appInModuleLayer(programJar()).orElseThrow();
        Module javafx = app.getSuperclass().getModule();
        assertEquals("javafx.application.Application", app.getSuperclass().getName());
        assertTrue(javafx.isNamed(), "JavaFX comes from a named module");
        assertEquals("javafx.graphics", javafx.getName());
        ModuleDescriptor d = javafx.getDescriptor();
        assertFalse(d.isAutomatic() || d.isOpen(), "the module JavaFX checks for: explicit and not open");
        // The program's own classes are loaded in that layer too, and still see the class path (DJL, picocli).
        assertTrue(app.getModule().isNamed());
        Class<?> djl = Class.forName("ai.djl.ndarray.NDArray", false, app.getClassLoader());
        assertFalse(djl.getModule().isNamed(), "the rest stays on the class path");
    }
}
