package org.eapexplorer.tasks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptPair;

/**
 * Writes prompt pairs as JSON Lines in the schema of {@code sample-prompts/README.md}: the short form
 * ({@code answer}/{@code distractor}) for a single-token logit difference, otherwise the list form with
 * {@code answers}, {@code distractors} and {@code metric}. Keys in a fixed order, no HTML escaping (so
 * {@code '} stays {@code '}), {@code \n} line ends: the output is byte-for-byte reproducible.
 */
public final class PromptJsonl {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private PromptJsonl() {
    }

    /** One line, without its line end. */
    public static String toLine(PromptPair pair) {
        JsonObject o = new JsonObject();
        o.addProperty("clean", pair.clean());
        o.addProperty("corrupted", pair.corrupted());
        if (pair.metric() == MetricKind.LOGIT_DIFF && pair.answers().size() == 1 && pair.distractors().size() == 1) {
            o.addProperty("answer", pair.answers().get(0));
            o.addProperty("distractor", pair.distractors().get(0));
        } else {
            o.add("answers", array(pair.answers()));
            o.add("distractors", array(pair.distractors()));
            o.addProperty("metric", pair.metric().jsonName());
        }
        return GSON.toJson(o);
    }

    /** All lines, each ending in {@code \n}. */
    public static String toJsonl(List<PromptPair> pairs) {
        StringBuilder sb = new StringBuilder();
        for (PromptPair pair : pairs) {
            sb.append(toLine(pair)).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@code file} (UTF-8), creating its directory if needed. */
    public static void write(Path file, List<PromptPair> pairs) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String text = toJsonl(pairs);
        org.eapexplorer.io.AtomicFiles.writeText(file, w -> w.write(text));
    }

    private static JsonArray array(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
