package org.eapexplorer;

import java.util.Arrays;
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
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            cli.usage(System.err);
            return 2;
        }
        // The window draws with JavaFX only; AWT is used for image encoding and must not open a display of its own.
        System.setProperty("java.awt.headless", "true");
        ModularWindow.launch(args);
        return 0;
    }
}
