package org.eapexplorer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eapexplorer.cli.OutputGuard;
import org.eapexplorer.runtime.ComputeDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Options of the window ({@code eap-explorer ui …}); with none it opens on the built-in model, if installed. */
@Command(name = "eap-explorer ui", mixinStandardHelpOptions = true, version = "EAP Explorer " + org.eapexplorer.io.ProgramVersion.VERSION,
        description = "Open the explorer window (what running without arguments does).")
public final class UiOptions {

    @Option(names = "--model", paramLabel = "DIR|NAME", converter = org.eapexplorer.cli.ShippedName.Model.class,
            description = "model folder, or a shipped model by name (e.g. induction-2l), to run EAP on at start")
    Path model;

    @Option(names = "--prompts", paramLabel = "FILE|NAME", converter = org.eapexplorer.cli.ShippedName.Prompts.class,
            description = "prompt-pair file (JSON Lines), or a shipped prompt set by name (e.g. induction.jsonl), for --model")
    Path prompts;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "cpu|gpu|auto", description = "default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--libtorch", paramLabel = "DIR",
            description = "a libtorch 2.7.1 folder or pip torch/lib to load instead of the bundled CPU build (before "
                    + "EAP_LIBTORCH and the window's setting)")
    Path libtorch;

    @Option(names = "--session", paramLabel = "FILE", description = "open a saved session instead of running")
    Path session;

    @Option(names = "--top", paramLabel = "K", description = "show the K strongest edges (default: ${DEFAULT-VALUE}; on graphs under 300 edges the default becomes a third of them)", defaultValue = "100")
    int top;

    @Option(names = "--select-top", description = "select the strongest edge once scores are shown")
    boolean selectTop;

    @Option(names = "--screenshot", paramLabel = "FILE",
            description = "write a PNG of the window once the first run has finished, then quit")
    Path screenshot;

    @Option(names = "--save-session", paramLabel = "FILE",
            description = "save the session (scores included) once the first run has finished")
    Path saveSession;

    @Option(names = "--size", paramLabel = "WxH",
            description = "window size (default: as the window was left, else 1280x800, fitted to the screen)")
    String size;

    public static UiOptions parse(List<String> args) {
        UiOptions options = new UiOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        options.validate();
        return options;
    }

    void validate() {
        if (prompts != null && model == null) {
            throw new IllegalArgumentException("--prompts needs --model");
        }
        if (top < 0) {
            throw new IllegalArgumentException("--top must be ≥ 0, got " + top);
        }
        device();
        if (libtorch != null) {
            org.eapexplorer.runtime.LibtorchFolder.check(libtorch, "--libtorch");
        }
        if (hasSize()) {
            width();
            height();
        }
        // The same check as the command line's: a screenshot or session must not replace the window's own inputs.
        OutputGuard.check(Arrays.asList(OutputGuard.Output.file("--screenshot", screenshot), OutputGuard.Output.file("--save-session", saveSession)),
                Arrays.asList(OutputGuard.Input.of("--model", model), OutputGuard.Input.of("--prompts", prompts), OutputGuard.Input.of("--session", session)));
    }

    public Path model() { return model; }

    public Path prompts() { return prompts; }

    public ComputeDevice device() { return ComputeDevice.parse(device); }

    public Path session() { return session; }

    public Path libtorch() { return libtorch; }

    public int top() { return top; }

    public boolean selectTop() { return selectTop; }

    public Path screenshot() { return screenshot; }

    public Path saveSession() { return saveSession; }

    /** Whether {@code --size} was given; without it the window opens as it was left last time. */
    public boolean hasSize() { return size != null; }

    public double width() { return dimension(0); }

    public double height() { return dimension(1); }

    /**
     * The largest side {@code --size} takes: beyond an 8K screen, and a screenshot of it is already 400 MB of pixels
     * (1e400 parsed as infinity, and 1e9 would ask for more memory than any machine has).
     */
    static final double MAX_SIDE = 10_000;

    private double dimension(int i) {
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            double v = Double.parseDouble(parts[i]);
            if (parts.length == 2 && v > MAX_SIDE) {
                throw new IllegalArgumentException("--size " + size + " is too large: each side at most " + (int) MAX_SIDE);
            }
            if (parts.length == 2 && v >= 200) {
                return v;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, each at least 200, got " + size);
    }
}
