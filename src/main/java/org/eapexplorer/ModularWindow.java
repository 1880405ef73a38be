package org.eapexplorer;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the window with JavaFX as named modules. {@code java -jar} puts every jar on the class path, and JavaFX
 * loaded from there prints "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" at start
 * (PlatformImpl checks that javafx.graphics is a named, explicit module). Here the JavaFX jars the class path
 * already holds, and the program's own jar as an automatic module, are defined in a module layer of their own,
 * and the window is started from that layer; everything else (DJL, Gson, picocli) stays on the class path, which
 * automatic modules read. Where that layer cannot be made (the program runs from a classes folder, as in an IDE,
 * or JavaFX is already on the module path) the window starts as before.
 */
final class ModularWindow {

    /** A class from each JavaFX module the window uses, to find the jar that holds it. */
    private static final List<String> JAVAFX_CLASSES = List.of("javafx.beans.Observable", "javafx.application.Application",
            "javafx.scene.control.Control", "javafx.embed.swing.SwingFXUtils");
    private static final String APP_CLASS = "org.eapexplorer.App";

    private ModularWindow() {
    }

    /** Runs {@link App#launchWindow} from a layer with named JavaFX modules, or directly; returns its exit status when the window closes. */
    static int launch(String[] args) {
        Optional<Class<?>> app = appInModuleLayer();
        if (app.isEmpty()) {
            return App.launchWindow(args);
        }
        try {
            return (Integer) app.get().getMethod("launchWindow", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the window from its module layer", e);
        }
    }

    /**
     * {@link App} as defined in a new layer over the boot layer, with the JavaFX modules and this program's jar
     * (an automatic module); empty where that layer cannot be made.
     */
    static Optional<Class<?>> appInModuleLayer() {
        return jarOf(ModularWindow.class).flatMap(ModularWindow::appInModuleLayer);
    }

    /** As above, with the program's classes taken from {@code programJar}. */
    static Optional<Class<?>> appInModuleLayer(Path programJar) {
        ClassLoader loader = ModularWindow.class.getClassLoader();
        Optional<Path> appJar = Optional.of(programJar);
        try {
            if (Class.forName("javafx.application.Application", false, loader).getModule().isNamed()) {
                return Optional.empty();  // already on the module path
            }
            List<Path> jars = new ArrayList<>();
            List<String> roots = new ArrayList<>();
            for (String name : JAVAFX_CLASSES) {
                Optional<Path> jar = jarOf(Class.forName(name, false, loader));
                if (jar.isEmpty()) {
                    return Optional.empty();
                }
                jars.add(jar.get());
            }
            String appModule = ModuleFinder.of(appJar.get()).findAll().iterator().next().descriptor().name();
            jars.add(appJar.get());
            ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
            finder.findAll().forEach(m -> roots.add(m.descriptor().name()));
            ModuleLayer boot = ModuleLayer.boot();
            Configuration config = boot.configuration().resolve(finder, ModuleFinder.of(), Set.copyOf(roots));
            ModuleLayer layer = boot.defineModulesWithOneLoader(config, loader);
            return Optional.of(layer.findLoader(appModule).loadClass(APP_CLASS));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Any module-system refusal (a split package, an unreadable jar) leaves the plain class-path start.
            return Optional.empty();
        }
    }

    private static Optional<Path> jarOf(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
