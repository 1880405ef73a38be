package org.eapexplorer.ui.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Arrays;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.ui.eval.MibMetrics;

/**
 * The session's {@code "mib"} section: each ranking's circuit runs at MIB's fractions,
 * <pre>
 * "mib": {"cpr": {"ranking": "signed", "fractions": [], "edge_counts": [], "metric": [], "metric_full": 3.1,
 *                 "metric_empty": 0.2, "area": 0.81},
 *         "cmd": {"ranking": "absolute", …}}
 * </pre>
 * The areas are written for a reader of the file, and recomputed from the runs on reading, as the window computes them.
 */
final class MibJson {

    private MibJson() {
    }

    static void write(JsonObject root, MibMetrics mib) {
        if (mib == null) {
            return;
        }
        JsonObject o = new JsonObject();
        o.add("cpr", curve(mib.cpr()));
        o.add("cmd", curve(mib.cmd()));
        root.add("mib", o);
    }

    private static JsonObject curve(MibCurve m) {
        JsonObject o = new JsonObject();
        o.addProperty("ranking", m.ranking());
        o.add("fractions", array(m.fractions()));
        JsonArray counts = new JsonArray();
        Arrays.stream(m.curve().edgeCounts()).forEach(counts::add);
        o.add("edge_counts", counts);
        o.add("metric", array(m.curve().metric()));
        o.addProperty("metric_full", m.curve().metricFull());
        o.addProperty("metric_empty", m.curve().metricEmpty());
        if (Double.isFinite(m.area())) {
            o.addProperty("area", m.area());
        }
        return o;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        Arrays.stream(values).forEach(a::add);
        return a;
    }

    static MibMetrics read(JsonObject root, SectionReader in) throws IOException {
        if (!root.has("mib") || root.get("mib").isJsonNull()) {
            return null;
        }
        JsonObject o = in.object(root, "mib", "mib");
        return new MibMetrics(curve(in, in.object(o, "cpr", "mib.cpr"), "mib.cpr", "signed"),
                curve(in, in.object(o, "cmd", "mib.cmd"), "mib.cmd", "absolute"));
    }

    private static MibCurve curve(SectionReader in, JsonObject o, String where, String ranking) throws IOException {
        String found = in.text(o, "ranking", where + ".ranking");
        if (!ranking.equals(found)) {
            throw in.error(where + ".ranking", "must be \"" + ranking + "\", got \"" + found + "\"");
        }
        double[] fractions = in.numbers(o, "fractions", where + ".fractions");
        int[] counts = in.integers(o, "edge_counts", where + ".edge_counts");
        double[] metric = in.numbers(o, "metric", where + ".metric");
        in.sameLength(fractions.length, counts.length, where + ".edge_counts");
        in.sameLength(fractions.length, metric.length, where + ".metric");
        if (!Arrays.equals(fractions, MibCircuitMetrics.FRACTIONS)) {
            throw in.error(where + ".fractions", "must be MIB's " + Arrays.toString(MibCircuitMetrics.FRACTIONS) + ", got "
                    + Arrays.toString(fractions));
        }
        FaithfulnessCurve curve = new FaithfulnessCurve(counts, metric, in.number(o, "metric_full", where + ".metric_full"),
                in.number(o, "metric_empty", where + ".metric_empty"));
        double[] f = new double[curve.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = curve.normalized(i);
        }
        double area = "signed".equals(ranking) ? MibCircuitMetrics.areaUnder(fractions, f) : MibCircuitMetrics.areaFromOne(fractions, f);
        return new MibCurve(ranking, fractions, curve, area);
    }
}
