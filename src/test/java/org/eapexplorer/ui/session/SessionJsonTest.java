package org.eapexplorer.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.eval.AcdcResult;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.eval.HybridFigure;
import org.eapexplorer.ui.eval.NamedCircuit;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchScatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session files keep the graph's shape, attention-only included, so that edge numbers mean the same on reopening;
 * and what the evaluation tabs computed, to the last bit, with edges by name.
 */
class SessionJsonTest {

    @TempDir
    Path dir;

    @Test
    void anAttentionOnlySessionReopensOnTheAttentionOnlyGraph() throws Exception {
        for (GraphIndex g : new GraphIndex[] {GraphIndex.attentionOnly(4, 8), GraphIndex.of(2, 3)}) {
            AnalysisResult r = result(g);
            Path file = dir.resolve("session-" + g.edgeCount() + ".json");
            SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), true, g.edgeCount() - 1));
            Session back = SessionJson.read(file);
            GraphIndex read = back.result().scores().graph();
            assertEquals(g.attnOnly(), read.attnOnly());
            assertEquals(g.edgeCount(), read.edgeCount());
            assertEquals(g.edgeName(g.edgeCount() - 1), read.edgeName(back.selectedEdge()));
            assertArrayEquals(r.scores().scores(), back.result().scores().scores());
            assertEquals(Evaluation.NONE, back.evaluation());
        }
    }

    /** Pins are a new optional key: written only for a pinned curve, read back, and absent (unpinned) in older sessions. */
    @Test
    void whatTheScoresWereComputedFromIsKeptAndOlderSessionsReadWithoutIt() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult plain = result(g);
        AnalysisResult keyed = new AnalysisResult(plain.modelDir(), plain.promptFile(), plain.promptSource(), plain.metric(), plain.pairs(),
                plain.deviceDescription(), plain.scores(), 1, 0, 0, 0, null, "", MethodSpec.EAP, "0123456789abcdef0123456789abcdef");
        Path file = dir.resolve("computed-from.json");
        SessionJson.write(file, new Session(keyed, ComputeDevice.CPU, Threshold.topK(5), true, -1));
        assertEquals(keyed.computedFrom(), SessionJson.read(file).result().computedFrom());
        SessionJson.write(file, new Session(plain, ComputeDevice.CPU, Threshold.topK(5), true, -1));
        assertTrue(!Files.readString(file).contains("computed_from"), "not written when not known");
        assertEquals(null, SessionJson.read(file).result().computedFrom());
    }

    @Test
    void aPinnedCurveStaysPinnedAndOldSessionsReadUnpinned() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult r = result(g);
        double[] lambdas = {0, 0.5, 1};
        LambdaCurve pinned = new LambdaCurve(3, g.edgeName(3), 0.125, lambdas, new double[] {0, 0.2, 0.3}, null, true);
        LambdaCurve plain = new LambdaCurve(4, g.edgeName(4), 0.5, lambdas, new double[] {0, 0.1, 0.4});
        Path file = dir.resolve("pins.json");
        SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), true, -1,
                new Evaluation(null, null, null, null, null, null, List.of(pinned, plain), null, null)));
        List<LambdaCurve> back = SessionJson.read(file).evaluation().lambdaCurves();
        assertTrue(back.get(0).pinned(), "the pin is kept");
        assertTrue(!back.get(1).pinned(), "an unpinned curve stays unpinned");
        String text = Files.readString(file);
        assertEquals(1, text.split("\"pinned\"", -1).length - 1, "only the pinned curve carries the key: " + text);

        // A session written before pins (no key) opens, its curves unpinned.
        Path old = dir.resolve("pins-old.json");
        JsonObject root = JsonParser.parseString(text).getAsJsonObject();
        withoutKey(root, "pinned");
        Files.writeString(old, new GsonBuilder().create().toJson(root));
        assertTrue(!Files.readString(old).contains("pinned"), Files.readString(old));
        assertTrue(SessionJson.read(old).evaluation().lambdaCurves().stream().noneMatch(LambdaCurve::pinned));
        // A pin that is not true or false names the key.
        Path bad = dir.resolve("pins-bad.json");
        Files.writeString(bad, text.replace("\"pinned\": true", "\"pinned\": \"yes\""));
        IOException e = assertThrows(IOException.class, () -> SessionJson.read(bad));
        assertTrue(e.getMessage().contains("lambda_curves[0].pinned"), e.getMessage());
    }

    @Test
    void everyEvaluationSectionReadsBackToTheSameValues() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult r = result(g);
        Evaluation saved = evaluation(r);
        Path file = dir.resolve("evaluation.json");
        SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), false, 4, saved));
        String text = Files.readString(file);
        assertTrue(text.contains("\"version\": 2"), "version 2");
        assertTrue(text.contains("\"a0.h0->a1.h2<k>\""), "edges by their names, unescaped");
        Evaluation back = SessionJson.read(file).evaluation();

        assertEquals(saved.truth(), back.truth(), "source, edges, direct receivers and head classes");
        assertEquals(saved.truthFile().toAbsolutePath(), back.truthFile());
        assertEquals(RocConvention.ACDC, back.convention());

        assertEquals(saved.acdc().size(), back.acdc().size());
        for (int s = 0; s < saved.acdc().size(); s++) {
            AcdcSweep a = saved.acdc().get(s);
            AcdcSweep b = back.acdc().get(s);
            assertEquals(a.score(), b.score());
            assertArrayEquals(a.taus(), b.taus());
            for (int i = 0; i < a.results().size(); i++) {
                AcdcResult x = a.results().get(i);
                AcdcResult y = b.results().get(i);
                assertEquals(x.kept(), y.kept(), "kept edges at τ " + x.tau());
                assertEquals(x.score(), y.score());
                assertEquals(x.tau(), y.tau());
                assertEquals(x.forwardPasses(), y.forwardPasses());
                assertEquals(x.finalScore(), y.finalScore());
                assertArrayEquals(x.removalEffects(), y.removalEffects(), "removal effects, NaN where never tried");
            }
        }

        FaithfulnessCurve f = back.faithfulness();
        assertArrayEquals(saved.faithfulness().edgeCounts(), f.edgeCounts());
        assertArrayEquals(saved.faithfulness().metric(), f.metric());
        assertEquals(saved.faithfulness().metricFull(), f.metricFull());
        assertEquals(saved.faithfulness().metricEmpty(), f.metricEmpty());

        PatchScatter p = back.scatter();
        assertArrayEquals(saved.scatter().edges(), p.edges());
        assertArrayEquals(saved.scatter().eap(), p.eap());
        assertArrayEquals(saved.scatter().patched(), p.patched());
        assertEquals(saved.scatter().pearson(), p.pearson());
        assertEquals(saved.scatter().spearman(), p.spearman());

        LambdaCurve c = back.lambdaCurves().get(0);
        LambdaCurve k = saved.lambdaCurves().get(0);
        assertEquals(k.edge(), c.edge());
        assertEquals(k.name(), c.name());
        assertEquals(k.eapScore(), c.eapScore());
        assertArrayEquals(k.lambdas(), c.lambdas());
        assertArrayEquals(k.effects(), c.effects());

        HybridFigure h = back.hybrid();
        HybridGrid.Result grid = saved.hybrid().grid();
        assertArrayEquals(grid.eapEdges(), h.grid().eapEdges());
        assertArrayEquals(grid.taus(), h.grid().taus());
        assertArrayEquals(grid.eapOnlyTpr(), h.grid().eapOnlyTpr());
        assertArrayEquals(grid.eapOnlyFpr(), h.grid().eapOnlyFpr());
        for (int i = 0; i < grid.cells().length; i++) {
            assertArrayEquals(grid.cells()[i], h.grid().cells()[i], "row " + i);
        }
        assertEquals(saved.hybrid().score(), h.score());
        assertEquals(saved.hybrid().truthSource(), h.truthSource());
        assertEquals(saved.hybrid().truth(), h.truth());
        assertEquals(saved.hybrid().eapRoc().auc(), h.eapRoc().auc());
        assertArrayEquals(saved.hybrid().eapRoc().tpr(), h.eapRoc().tpr());
        assertEquals(saved.shown(), back.shown(), "the circuit drawn instead of the threshold's");
    }

    @Test
    void aVersionOneFileWithoutTheSectionsStillOpens() throws Exception {
        GraphIndex g = GraphIndex.of(1, 1);
        String scores = String.join(", ", Collections.nCopies(g.edgeCount(), "0.25"));
        // As version 1 wrote it: Gson's HTML-safe escapes in names, no evaluation sections.
        String v1 = """
                {
                  "format": "eap-explorer-session",
                  "version": 1,
                  "model": "/models/tiny",
                  "prompts": null,
                  "prompt_source": "p.jsonl",
                  "metric": "logit_diff",
                  "device": "cpu",
                  "device_description": "CPU",
                  "pairs": 3,
                  "metric_clean": 1.5,
                  "metric_corrupted": null,
                  "timing_ms": {"load": 1.0, "eap": 2.0},
                  "threshold": {"mode": "top_k", "value": 2.0},
                  "hide_unconnected": true,
                  "selected_edge": "a0.h0-\\u003elogits",
                  "reference_edges": ["input-\\u003ea0.h0\\u003cq\\u003e"],
                  "cfg": {"n_layers": 1, "n_heads": 1},
                  "scores": [%s]
                }
                """.formatted(scores);
        Path file = dir.resolve("v1.json");
        Files.writeString(file, v1);
        Session s = SessionJson.read(file);
        assertEquals(g.edgeIndex("a0.h0->logits").getAsInt(), s.selectedEdge());
        assertArrayEquals(new int[] {g.edgeIndex("input->a0.h0<q>").getAsInt()}, s.result().referenceEdges());
        assertEquals(Double.NaN, s.result().metricCorrupted());
        assertEquals(Evaluation.NONE, s.evaluation());
        assertNull(s.evaluation().truth());
    }

    @Test
    void anEdgeNotInTheGraphIsNamedWithItsSection() throws Exception {
        Path file = withSection("bad-acdc.json", root -> root.getAsJsonArray("acdc").get(0).getAsJsonObject()
                .getAsJsonArray("circuits").get(1).getAsJsonObject().getAsJsonArray("kept_edges").add("a7.h0->logits"));
        IOException e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("acdc[0].circuits[1].kept_edges"), e.getMessage());
        assertTrue(e.getMessage().contains("a7.h0->logits"), e.getMessage());

        Path scatter = withSection("bad-scatter.json", root -> root.getAsJsonArray("patching_scatter").get(2).getAsJsonObject()
                .addProperty("edge", "m1->a0.h0<q>"));
        e = assertThrows(IOException.class, () -> SessionJson.read(scatter));
        assertTrue(e.getMessage().contains("patching_scatter[2].edge") && e.getMessage().contains("m1->a0.h0<q>"), e.getMessage());

        Path truth = withSection("bad-truth.json", root -> root.getAsJsonObject("truth").getAsJsonArray("edges").add("a0.h9->logits"));
        e = assertThrows(IOException.class, () -> SessionJson.read(truth));
        assertTrue(e.getMessage().contains("truth.edges") && e.getMessage().contains("a0.h9->logits"), e.getMessage());
    }

    @Test
    void aMalformedSectionNamesItsKey() throws Exception {
        Path text = withSection("text-metric.json", root -> root.getAsJsonObject("faithfulness").addProperty("metric_full", "high"));
        IOException e = assertThrows(IOException.class, () -> SessionJson.read(text));
        assertTrue(e.getMessage().contains("faithfulness.metric_full") && e.getMessage().contains("must be a number"), e.getMessage());

        Path ragged = withSection("ragged-hybrid.json", root -> root.getAsJsonObject("hybrid").getAsJsonArray("cells").get(1)
                .getAsJsonArray().remove(0));
        e = assertThrows(IOException.class, () -> SessionJson.read(ragged));
        assertTrue(e.getMessage().contains("hybrid.cells[1]") && e.getMessage().contains("must have 2 entries"), e.getMessage());

        Path score = withSection("bad-score.json", root -> root.getAsJsonArray("acdc").get(1).getAsJsonObject().addProperty("score", "l2"));
        e = assertThrows(IOException.class, () -> SessionJson.read(score));
        assertTrue(e.getMessage().contains("acdc[1].score") && e.getMessage().contains("[kl, task]"), e.getMessage());
    }

    @Test
    void aNonFiniteNumberIsRefusedOnSavingAndTheSavedSessionKept() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult r = result(g);
        Path file = dir.resolve("kept.json");
        SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), false, -1, evaluation(r)));
        byte[] good = Files.readAllBytes(file);
        Evaluation ev = evaluation(r);
        Evaluation nan = new Evaluation(ev.truth(), ev.truthFile(), ev.convention(), ev.acdc(),
                new FaithfulnessCurve(new int[] {1, 4}, new double[] {0.5, Double.NaN}, 1, 0), ev.scatter(), ev.lambdaCurves(),
                ev.hybrid(), ev.shown());
        IOException e = assertThrows(IOException.class,
                () -> SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), false, -1, nan)));
        assertTrue(e.getMessage().contains("faithfulness.metric[1]") && e.getMessage().contains("NaN"), e.getMessage());
        float[] s = r.scores().scores().clone();
        s[3] = Float.POSITIVE_INFINITY;
        AnalysisResult inf = new AnalysisResult(dir, dir.resolve("p.jsonl"), "p.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU", new EdgeScores(g, s), 1, 0, 0, 0);
        e = assertThrows(IOException.class, () -> SessionJson.write(file, new Session(inf, ComputeDevice.CPU, Threshold.topK(5), false, -1)));
        assertTrue(e.getMessage().contains(g.edgeName(3)) && e.getMessage().contains("Infinity"), e.getMessage());
        AnalysisResult infMetric = new AnalysisResult(dir, dir.resolve("p.jsonl"), "p.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU", r.scores(),
                Double.NEGATIVE_INFINITY, 0, 0, 0);
        e = assertThrows(IOException.class, () -> SessionJson.write(file, new Session(infMetric, ComputeDevice.CPU, Threshold.topK(5), false, -1)));
        assertTrue(e.getMessage().contains("\"metric_clean\" = -Infinity"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file), "the saved session is untouched");
    }

    /** Scores opened from a file without metrics (EAP-IG's) have unknown metrics: saved as null, read back as unknown. */
    @Test
    void anUnknownMetricIsSavedAsNullAndReadBackUnknown() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult unknown = new AnalysisResult(dir, null, "eap-ig.json", MetricKind.LOGIT_DIFF, 0, "CPU", result(g).scores(),
                Double.NaN, Double.NaN, 0, 0);
        Path file = dir.resolve("unknown-metric.json");
        SessionJson.write(file, new Session(unknown, ComputeDevice.CPU, Threshold.topK(5), false, -1));
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertTrue(root.get("metric_clean").isJsonNull() && root.get("metric_corrupted").isJsonNull(), root.toString());
        AnalysisResult back = SessionJson.read(file).result();
        assertTrue(Double.isNaN(back.metricClean()) && Double.isNaN(back.metricCorrupted()));
    }

    /** A session with every section, one of them changed by {@code edit}. */
    private Path withSection(String name, Consumer<JsonObject> edit) throws IOException {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult r = result(g);
        Path file = dir.resolve(name);
        SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), false, -1, evaluation(r)));
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        edit.accept(root);
        Files.writeString(file, new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(root));
        return file;
    }

    @Test
    void scoreSetsOfOtherGraphsAndMethodsReadBackWithTheChoices() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        AnalysisResult shown = result(g).withMethod(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 9));
        float[] other = result(GraphIndex.attentionOnly(1, 2)).scores().copyOfScores();
        other[1] = Float.NaN;
        AnalysisResult small = new AnalysisResult(dir, null, "small.json", MetricKind.PROB_DIFF, 0, "", new EdgeScores(
                GraphIndex.attentionOnly(1, 2), other), Double.NaN, Double.NaN, 0, 0).withMethod(null);
        AnalysisResult clean = result(g).withMethod(MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED));
        List<ScoreSet> sets = List.of(new ScoreSet("first", clean), new ScoreSet("shown one", shown), new ScoreSet("small", small));
        Path file = dir.resolve("sets.json");
        SessionJson.write(file, new Session(shown, ComputeDevice.CPU, Threshold.topK(5), true, -1, Evaluation.NONE, sets,
                new Session.CompareChoice("small", "first", true)));
        Session back = SessionJson.read(file);
        assertEquals(List.of("first", "shown one", "small"), back.scoreSets().stream().map(ScoreSet::name).toList());
        assertTrue(back.scoreSets().get(1).result() == back.result(), "the shown set is the session's own result");
        assertEquals(shown.method(), back.result().method());
        assertEquals(clean.method(), back.scoreSets().get(0).result().method());
        assertNull(back.scoreSets().get(2).result().method(), "a method not recorded stays not recorded");
        assertTrue(back.scoreSets().get(2).graph().attnOnly());
        assertArrayEquals(other, back.scoreSets().get(2).result().scores().scores(), "NaN (not scored) included");
        assertArrayEquals(clean.scores().scores(), back.scoreSets().get(0).result().scores().scores());
        assertEquals(new Session.CompareChoice("small", "first", true), back.compare());
    }

    @Test
    void aSessionOfOneResultHasThatOneSetAndNoSetsMember() throws Exception {
        GraphIndex g = GraphIndex.of(1, 1);
        AnalysisResult r = result(g);
        Path file = dir.resolve("one.json");
        SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(2), true, -1));
        assertTrue(!Files.readString(file).contains("score_sets"), "one result: the file stays as before");
        Session back = SessionJson.read(file);
        assertEquals(1, back.scoreSets().size());
        assertTrue(back.scoreSets().get(0).result() == back.result());
        assertEquals(MethodSpec.EAP, back.result().method());
        assertEquals(Session.CompareChoice.NONE, back.compare());
    }

    @Test
    void aBadScoreSetsMemberNamesItsKey() throws Exception {
        GraphIndex g = GraphIndex.of(1, 1);
        AnalysisResult shown = result(g);
        AnalysisResult other = result(g);
        Path file = dir.resolve("sets-bad.json");
        SessionJson.write(file, new Session(shown, ComputeDevice.CPU, Threshold.topK(2), true, -1, Evaluation.NONE,
                List.of(new ScoreSet("a", shown), new ScoreSet("b", other)), null));
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        root.getAsJsonArray("score_sets").get(1).getAsJsonObject().addProperty("shown", true);
        Files.writeString(file, root.toString());
        IOException e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().contains("score_sets[1].shown"), e.getMessage());

        root.getAsJsonArray("score_sets").get(1).getAsJsonObject().remove("shown");
        root.getAsJsonArray("score_sets").get(1).getAsJsonObject().addProperty("method", "eap-ig");
        Files.writeString(file, root.toString());
        e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().contains("score_sets[1].method") && e.getMessage().contains("eap-ig-inputs"), e.getMessage());

        root.getAsJsonArray("score_sets").get(1).getAsJsonObject().addProperty("method", "eap");
        root.getAsJsonArray("score_sets").get(1).getAsJsonObject().getAsJsonArray("scores").remove(0);
        Files.writeString(file, root.toString());
        e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().contains("score_sets[1].scores"), e.getMessage());
    }

    private AnalysisResult result(GraphIndex g) {
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = (e % 7) - 3.5f + e * 1e-3f;
        }
        return new AnalysisResult(dir, dir.resolve("p.jsonl"), "p.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU", new EdgeScores(g, s), 1, 0, 0, 0);
    }

    /** Every section, with doubles that a decimal shortcut would not read back exactly, and the extremes of a double. */
    private Evaluation evaluation(AnalysisResult r) {
        GraphIndex g = r.scores().graph();
        BitSet truth = bits(0, 5, 17, g.edgeIndex("a0.h0->a1.h2<k>").getAsInt());
        BitSet direct = new BitSet();
        direct.set(g.receiverIndex("a1.h2<q>").getAsInt());
        Map<String, List<String>> classes = new LinkedHashMap<>();
        classes.put("induction", List.of("a1.h2"));
        classes.put("previous token", List.of("a0.h0", "a0.h1"));
        TruthEdges t = new TruthEdges("truth.json", truth, direct, classes);

        float[] effects = new float[g.edgeCount()];
        java.util.Arrays.fill(effects, Float.NaN);
        effects[3] = 1e-8f;
        effects[7] = -3.4028235e38f;
        effects[11] = Float.MIN_VALUE;
        AcdcSweep kl = new AcdcSweep(g, AcdcScore.KL, new double[] {1e-4, 0.1 + 0.2}, List.of(
                new AcdcResult(bits(1, 2, 3, 30), AcdcScore.KL, 1e-4, 77, 0.1 + 0.7, effects),
                new AcdcResult(bits(2), AcdcScore.KL, 0.1 + 0.2, 12, Double.MIN_VALUE, effects.clone())));
        AcdcSweep task = new AcdcSweep(g, AcdcScore.TASK, new double[] {3.16}, List.of(
                new AcdcResult(new BitSet(), AcdcScore.TASK, 3.16, 5, -1e300, effects.clone())));
        FaithfulnessCurve f = new FaithfulnessCurve(new int[] {1, 4, 20}, new double[] {Math.PI / 3, -Double.MAX_VALUE, 2.0 / 3},
                Math.E, -1.0 / 7);
        PatchScatter scatter = PatchScatter.of(new int[] {3, 0, 9}, new double[] {0.1, -0.25, 1.0 / 3},
                new double[] {0.3, -Math.sqrt(2), 1e-17});
        double[] lambdas = LambdaCurve.defaultLambdas();
        double[] curve = new double[lambdas.length];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = Math.sin(lambdas[i]) / 7;
        }
        LambdaCurve lambda = new LambdaCurve(9, g.edgeName(9), 0.1 / 3, lambdas, curve);
        double[] taus = {0.01, 0.316};
        HybridGrid.Cell[][] cells = new HybridGrid.Cell[2][2];
        int[] sizes = {2, 5};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                BitSet edges = new BitSet();
                edges.set(i, i + 2 * j + 1);   // a different set in each cell
                cells[i][j] = new HybridGrid.Cell(sizes[i], taus[j], edges.cardinality(), (i + 1) / 3.0, j / 7.0, 10 * i + j,
                        i == 1 && j == 1 ? null : edges);   // one cell as a file without edges records it
            }
        }
        HybridFigure hybrid = HybridFigure.of(r.scores(), new HybridGrid.Result(sizes, taus, cells, new double[] {0.25, 1.0 / 3},
                new double[] {0.1, 0.2}), AcdcScore.KL, "truth.json", truth);
        return new Evaluation(t, dir.resolve("truth.json"), RocConvention.ACDC, List.of(kl, task), f, scatter, List.of(lambda), hybrid,
                new NamedCircuit("ACDC (KL) τ 0.01", kl.circuits().get(0)));
    }

    /** Removes {@code key} from every object in the tree. */
    private static void withoutKey(com.google.gson.JsonElement e, String key) {
        if (e.isJsonObject()) {
            e.getAsJsonObject().remove(key);
            e.getAsJsonObject().entrySet().forEach(m -> withoutKey(m.getValue(), key));
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> withoutKey(x, key));
        }
    }

    private static BitSet bits(int... edges) {
        BitSet b = new BitSet();
        for (int e : edges) {
            b.set(e);
        }
        return b;
    }
}
