package org.eapexplorer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.io.ShippedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The shipped inputs by the names the other commands take for them, with where they are. Its own command, not a part
 * of doctor: doctor loads libtorch (seconds, and an exit status of 1 when it is refused), which naming files needs not.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the models, prompt sets and ground-truth circuits the program ships, with their paths. Every command "
                + "takes them by these names (--model induction-2l, --prompts induction.jsonl, --truth ioi.json) from any "
                + "working directory; a path that exists is always taken as the path.")
final class ListCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ShippedFiles shipped = ShippedFiles.detect();
        PrintWriter out = spec.commandLine().getOut();
        section(out, "models (--model NAME)", ShippedFiles.Kind.MODEL, shipped);
        section(out, "prompt sets (--prompts NAME)", ShippedFiles.Kind.PROMPTS, shipped);
        section(out, "ground truths (--truth NAME)", ShippedFiles.Kind.GROUND_TRUTH, shipped);
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, ShippedFiles.Kind kind, ShippedFiles shipped) {
        Map<String, Path> files = shipped.list(kind);
        out.println(title + ":");
        if (files.isEmpty()) {
            out.println("  none found beside the program (looked for " + kind.folder() + " in " + shipped.roots().roots() + ")");
        }
        int width = files.keySet().stream().mapToInt(String::length).max().orElse(0);
        files.forEach((name, path) -> out.printf("  %-" + width + "s  %s%n", name, path));
    }
}
