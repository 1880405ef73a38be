package org.eapexplorer;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.cli.EapCli;
import picocli.CommandLine;

/**
 * Entry point of the jar. No arguments (or {@code ui …}) opens the window; anything else is a command-line
 * subcommand. Kept apart from {@link App} on purpose: a main class that extends Application makes
 * {@code java -jar} refuse to start when JavaFX is on the class path rather than the module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("ui")) {
            String[] uiArgs = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            System.exit(launchWindow(uiArgs));
        }
        System.exit(EapCli.run(args));
    }

    private static int launchWindow(String[] args) {
        CommandLine cli = new CommandLine(new UiOptions());
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            UiOptions.parse(Arrays.asList(args));
        } catch (CommandLine.ParameterException e) {
            System.err.println(EapCli.optionErrorLine(e));
            return 2;
        } catch (IllegalArgumentException e) {
            // One line, as the subcommands' option errors are: the reason is what a user reads, not the usage.
            System.err.println("error: " + e.getMessage() + " (see 'eap-explorer ui --help')");
            return 2;
        }
        Optional<String> noDisplay = missingDisplay(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("glass.platform"));
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            return 1;
        }
        // The window draws with JavaFX only; AWT is used for image encoding and must not open a display of its own.
        System.setProperty("java.awt.headless", "true");
        try {
            return ModularWindow.launch(args);
        } catch (UnsupportedOperationException e) {
            // GTK's "Unable to open DISPLAY": DISPLAY is set but nothing answers there.
            if (String.valueOf(e.getMessage()).contains("DISPLAY")) {
                System.err.println(noDisplay("DISPLAY=" + System.getenv("DISPLAY") + " does not answer"));
                return 1;
            }
            throw e;
        }
    }

    private static final String NO_DISPLAY = "error: no display found (%s); the window needs one: run it under a virtual "
            + "display, e.g. xvfb-run -a %s ui --screenshot window.png, or use the command-line subcommands (%s --help)";

    /**
     * How the user started this program, for messages that tell them what to type: the packaged launcher (jpackage
     * sets {@code jpackage.app-path} to it; that install has no {@code java -jar} to run) or the jar.
     */
    static String command() {
        String launcher = System.getProperty("jpackage.app-path");
        return launcher != null && !launcher.isBlank() ? launcher : "java -jar eap-explorer.jar";
    }

    private static String noDisplay(String reason) {
        return NO_DISPLAY.formatted(reason, command(), command());
    }

    /**
     * Why the window cannot open here, as the one line to print, or empty: on Linux (X11 or Wayland) a window needs
     * DISPLAY or WAYLAND_DISPLAY, unless JavaFX is told to draw headless (Monocle, as the tests do).
     */
    static Optional<String> missingDisplay(String osName, Map<String, String> env, String glassPlatform) {
        boolean linux = osName.toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean headlessGlass = glassPlatform != null && glassPlatform.equalsIgnoreCase("Monocle");
        boolean display = !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        if (!linux || headlessGlass || display) {
            return Optional.empty();
        }
        return Optional.of(noDisplay("neither DISPLAY nor WAYLAND_DISPLAY is set"));
    }
}
