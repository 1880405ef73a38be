package org.eapexplorer.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One model of {@code src/test/resources/fixtures/}, with the numbers tools/oracle/make_fixtures.py computed for it in float64. */
public record OracleFixture(Path dir, JsonObject reference) {

    public static OracleFixture load(String name) {
        try {
            Path dir = Path.of(OracleFixture.class.getResource("/fixtures/" + name + "/reference.json").toURI()).getParent();
            return new OracleFixture(dir, JsonParser.parseString(Files.readString(dir.resolve("reference.json"))).getAsJsonObject());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("fixture " + name + " unreadable", e);
        }
    }

    public Path prompts() {
        return dir.resolve("prompts.jsonl");
    }

    /** EAP's edge scores. */
    public Map<String, Double> scores() {
        return named(reference.getAsJsonObject("scores"));
    }

    /** EAP's node scores (Δu · ∂L/∂u at u's own output), by upstream node name. */
    public Map<String, Double> nodeScores() {
        return named(reference.getAsJsonObject("node_scores"));
    }

    /** The edge ({@code scores}) or node ({@code node_scores}) scores of one of {@code methods}: eap-ig-inputs-N, clean-corrupted. */
    public Map<String, Double> methodScores(String method, String which) {
        JsonObject m = reference.getAsJsonObject("methods").getAsJsonObject(method);
        if (m == null) {
            throw new IllegalArgumentException("the fixture has no method " + method);
        }
        return named(m.getAsJsonObject(which));
    }

    private static Map<String, Double> named(JsonObject values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : values.entrySet()) {
            out.put(e.getKey(), e.getValue().getAsDouble());
        }
        return out;
    }

    /** The largest |metric| of any clean or corrupted prompt: what a float32 mean of them is accurate relative to. */
    public double perPromptMetricScale() {
        double scale = 0;
        for (String key : new String[] {"metric_clean_per_prompt", "metric_corrupted_per_prompt"}) {
            for (double m : vector(key)) {
                scale = Math.max(scale, Math.abs(m));
            }
        }
        return scale;
    }

    public double number(String key) {
        return reference.get(key).getAsDouble();
    }

    public double[] vector(String key) {
        return toDoubles(reference.getAsJsonArray(key));
    }

    public double[][] matrix(String key) {
        JsonArray rows = reference.getAsJsonArray(key);
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDoubles(rows.get(i).getAsJsonArray());
        }
        return out;
    }

    public List<int[]> tokens(String which) {
        List<int[]> out = new ArrayList<>();
        for (JsonElement row : reference.getAsJsonObject("tokens").getAsJsonArray(which)) {
            JsonArray a = row.getAsJsonArray();
            int[] ids = new int[a.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = a.get(i).getAsInt();
            }
            out.add(ids);
        }
        return out;
    }

    private static double[] toDoubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }
}
