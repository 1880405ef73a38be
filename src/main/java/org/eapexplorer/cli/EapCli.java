package org.eapexplorer.cli;

import java.nio.file.FileSystemException;
import org.eapexplorer.io.FileErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: a thin shell over the core, one subcommand per task. */
@Command(name = "eap-explorer", mixinStandardHelpOptions = true, version = "EAP Explorer " + EapCli.VERSION,
        description = {"Edge Attribution Patching and its successors (EAP-IG, clean-corrupted), activation patching, ACDC and their "
                + "evaluation, for GPT-2, Llama, Qwen2, Qwen3, Mistral, Gemma-2, Gemma-3, OLMo-2 and GPT-NeoX models read from Hugging Face folders, offline. No arguments open "
                + "the window.", "The shipped model, prompt sets and ground truths are taken by name from any working directory "
                + "('list' names them)."},
        subcommands = {ScoreCommand.class, RenderCommand.class, PatchCommand.class, PatchAllCommand.class, BenchCommand.class, EvaluateCommand.class, FaithfulnessCommand.class, AcdcCommand.class, HybridCommand.class, DownloadCommand.class, GpuSetupCommand.class, DoctorCommand.class, ListCommand.class, TrainCommand.class, RandomModelCommand.class, CommandLine.HelpCommand.class})
public final class EapCli {

    /** The program's version, as {@code --version} prints it and score files record it. */
    public static final String VERSION = org.eapexplorer.io.ProgramVersion.VERSION;

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new EapCli());
        cli.setExecutionStrategy(parseResult -> {
            Integer help = CommandLine.executeHelpRequest(parseResult);
            if (help != null) {
                return help;
            }
            // Every command that writes is checked here, before it starts, so no command can forget to.
            CommandLine command = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            if (command.getCommand() instanceof WritesFiles writer) {
                try {
                    OutputGuard.check(writer.outputs(), writer.inputs());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ExecutionException(command, e.getMessage(), e);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler(EapCli::optionError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Bad input is the common case: a readable message, not a stack trace (set EAP_DEBUG=1 for one).
            commandLine.getErr().println("error: " + message(e));
            if (System.getenv("EAP_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * A bad option or argument: the reason and where to read more, on one line. Picocli's default prints the usage
     * after the reason, forty lines that push the one that matters off the screen.
     */
    private static int optionError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(optionErrorLine(e));
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code error: REASON[; did you mean …?] (see 'eap-explorer CMD --help')}, for the window's options too. */
    public static String optionErrorLine(CommandLine.ParameterException e) {
        // Picocli starts some of its messages with its own "Error: ".
        StringBuilder line = new StringBuilder("error: ").append(e.getMessage().strip().replaceFirst("^Error: ", ""));
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions().stream().limit(3).toList())).append('?');
        }
        return line.append(" (see '").append(e.getCommandLine().getCommandSpec().qualifiedName()).append(" --help')").toString();
    }

    /** The exception's message; a file-system exception's bare path is said in words. */
    static String message(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof FileSystemException f) {
            return FileErrors.describe(f);
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
