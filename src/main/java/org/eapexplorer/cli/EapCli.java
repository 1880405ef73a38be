package org.eapexplorer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: a thin shell over the core, one subcommand per task. */
@Command(name = "eap-explorer", mixinStandardHelpOptions = true, version = "EAP Explorer " + EapCli.VERSION,
        description = "Edge Attribution Patching for GPT-2-style models, offline.",
        subcommands = {ScoreCommand.class, RenderCommand.class, PatchCommand.class, PatchAllCommand.class, BenchCommand.class, EvaluateCommand.class, FaithfulnessCommand.class, AcdcCommand.class, HybridCommand.class, DownloadCommand.class, TrainCommand.class, RandomModelCommand.class, CommandLine.HelpCommand.class})
public final class EapCli {

    /** The program's version, as {@code --version} prints it and score files record it. */
    public static final String VERSION = "0.1.0";

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new EapCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Bad input is the common case: a readable message, not a stack trace (set EAP_DEBUG=1 for one).
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("EAP_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }
}
