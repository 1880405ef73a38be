package org.eapexplorer.circuit;

import org.eapexplorer.io.ScoreFile;

/**
 * The line under an exported figure that says what it shows: model, prompt set, metric, attribution method and the
 * circuit's cut. Whatever is not known says so ("method unknown"), since a figure in a paper must not let a reader
 * guess: a score file written by another tool carries no method.
 *
 * @param model   the model's folder name (never a full path: captions end up in papers), or null
 * @param prompts the prompt file's name or a built-in task's name, or null
 * @param metric  e.g. {@code logit_diff}, or null
 * @param method  e.g. {@code EAP-IG (5 steps)}, or null when the scores do not say
 * @param cut     e.g. {@code top 20 edges (|score| ≥ 0.0123): 20 edges, 12 nodes}, or null
 */
public record Caption(String model, String prompts, String metric, String method, String cut) {

    public static Caption of(ScoreFile source, String method, Circuit circuit) {
        return new Caption(source == null ? null : lastName(source.model()), source == null ? null : lastName(source.prompts()),
                source == null ? null : source.metric(), method, circuit == null ? null : circuit.describe());
    }

    public String text() {
        return known(model, "model unknown") + " · prompts " + known(prompts, "unknown") + " · metric " + known(metric, "unknown")
                + " · " + known(method, "method unknown") + (blank(cut) ? "" : " · " + cut);
    }

    @Override
    public String toString() {
        return text();
    }

    private static String known(String value, String otherwise) {
        return blank(value) ? otherwise : value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** {@code models/gpt2-small/} → {@code gpt2-small}; null or blank stays null. */
    public static String lastName(String path) {
        if (blank(path)) {
            return null;
        }
        String p = path.replaceAll("[/\\\\]+$", "");
        String name = p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? null : name;
    }
}
