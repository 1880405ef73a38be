package org.eapexplorer;

import org.eapexplorer.cli.EapCli;

/** Entry point of the jar: a subcommand runs the command line; no arguments will open the window. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("EAP Explorer: the window is not built yet; use a subcommand (score, bench, random-model) — see --help.");
            System.exit(EapCli.run("--help"));
        }
        System.exit(EapCli.run(args));
    }
}
