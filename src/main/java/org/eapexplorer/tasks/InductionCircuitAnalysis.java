package org.eapexplorer.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.Gpt2Probe.Ablation;
import org.eapexplorer.engine.Gpt2Probe;
import org.eapexplorer.eval.GroundTruth;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.EdgeId;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.Qkv;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * Derives the ground-truth circuit of a model trained on {@link InductionTask}, without EAP: attention
 * patterns classify the heads, the induction mechanism (Olsson et al. 2022; Elhage et al. 2021) names the
 * edges between them, and ablations check that each group of edges is used.
 *
 * <ol>
 *   <li><b>Head scores</b>, on {@value #SEQUENCES} held-out repeated sequences: previous-token score = mean
 *       attention from position t to t−1 (t ≥ 1); induction score = mean attention from each position t of the
 *       second occurrence to t − n + 1, the word after the earlier occurrence of the current word (n the
 *       pattern length); also the duplicate-token score (to t − n) and the attention to itself.</li>
 *   <li><b>Classes</b>: a head is a previous-token head if its previous-token score is at least
 *       {@value #CLASS_THRESHOLD} and it is not in the last layer; an induction head if its induction score is
 *       at least {@value #CLASS_THRESHOLD} and a previous-token head sits in an earlier layer.</li>
 *   <li><b>Edges</b>: into each previous-token head P from {@code input}: q and k (its attention is
 *       positional) and v (the word it moves one position on); P → each induction head I's k (K-composition:
 *       the key at the word after an earlier occurrence says which word preceded it); into I's q (the current
 *       word) and v (the word to copy) from the token embedding; I → logits (the copied word's logit). MLP 0 is
 *       treated as part of the embedding ("extended embedding") when the model relies on it, i.e. when
 *       mean-ablating MLP 0 raises the held-out loss by at least {@value #USED_NATS} nats: then
 *       {@code input->m0} and MLP 0's edges into I's q and v are true edges too.</li>
 *   <li><b>Ablations</b> as evidence: every node, and every edge group above (plus controls), mean-ablated
 *       with {@link Gpt2Probe} (each ablated edge carries its source's per-position mean over
 *       {@value #SEQUENCES} other repeated sequences instead of its output), measured as loss and top-1
 *       accuracy on the second occurrence and as the logit difference on the prompt pairs. Mean ablation keeps
 *       the position embedding, so the positional q/k inputs of the previous-token heads are checked by zero
 *       ablation.</li>
 * </ol>
 */
public final class InductionCircuitAnalysis {

    public static final int SEQUENCES = 200;
    public static final double CLASS_THRESHOLD = 0.4;
    public static final double USED_NATS = 0.1;
    /** Seed of the sequences whose per-position means replace ablated outputs (not the held-out seed). */
    public static final long REFERENCE_SEED = InductionTask.HELD_OUT_SEED + 1;

    /** Attention scores of one head; see the class comment. */
    public record HeadScores(String head, double previousToken, double induction, double duplicateToken, double self) {
    }

    /** Held-out loss, accuracy and (when prompt pairs are given) mean logit difference under one intervention. */
    public record Effect(double loss, double accuracy, double logitDiff) {
    }

    private final LanguageModel model;
    private final GraphIndex graph;
    private final List<InductionTask.Sequence> held;
    private final List<int[]> heldTokens;
    private final List<int[]> reference;
    private final List<TokenizedPair> pairs;
    private final Map<String, Map<String, Double>> ablation = new LinkedHashMap<>();

    /** @param pairs the induction prompt pairs for the logit-difference column (may be empty) */
    public InductionCircuitAnalysis(LanguageModel model, List<TokenizedPair> pairs) {
        this.model = model;
        this.graph = model.graph();
        int p = model.config().nPositions();
        this.held = InductionTask.sample(InductionTask.HELD_OUT_SEED, SEQUENCES, p);
        this.heldTokens = held.stream().map(InductionTask.Sequence::tokens).toList();
        this.reference = InductionTask.sample(REFERENCE_SEED, SEQUENCES, p).stream().map(InductionTask.Sequence::tokens).toList();
        this.pairs = List.copyOf(pairs);
    }

    /** Attention scores of every head. */
    public List<HeadScores> headScores() {
        Gpt2Probe.Patterns a = Gpt2Probe.attention(model, heldTokens);
        int p = a.positions();
        List<HeadScores> out = new ArrayList<>();
        for (int l = 0; l < a.layers(); l++) {
            for (int h = 0; h < a.heads(); h++) {
                double prev = 0;
                double self = 0;
                int nPrev = 0;
                double ind = 0;
                double dup = 0;
                int nInd = 0;
                for (int b = 0; b < held.size(); b++) {
                    InductionTask.Sequence s = held.get(b);
                    for (int t = 1; t < p; t++) {
                        prev += a.at(b, l, h, t, t - 1);
                        self += a.at(b, l, h, t, t);
                        nPrev++;
                    }
                    int end = Math.min(s.secondStart() + s.pattern(), p);
                    for (int t = s.secondStart(); t < end; t++) {
                        ind += a.at(b, l, h, t, t - s.pattern() + 1);
                        dup += a.at(b, l, h, t, t - s.pattern());
                        nInd++;
                    }
                }
                out.add(new HeadScores("a" + l + ".h" + h, prev / nPrev, ind / nInd, dup / nInd, self / nPrev));
            }
        }
        return out;
    }

    /** The held-out effect of ablating {@code edges}, recorded under {@code label} in the ablation table. */
    public Effect ablate(String label, List<EdgeId> edges, Ablation how) {
        InductionTask.Accuracy acc = InductionTask.secondOccurrenceAccuracy(held,
                Gpt2Probe.allLogitsWithEdgesAblated(model, heldTokens, edges, how, reference));
        double diff = Double.NaN;
        if (!pairs.isEmpty()) {
            double[] m = Gpt2Probe.metricWithEdgesAblated(model, pairs, MetricKind.LOGIT_DIFF, edges, how, reference);
            diff = Arrays.stream(m).average().orElse(Double.NaN);
        }
        Effect e = new Effect(acc.loss(), acc.fraction(), diff);
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("loss", round(e.loss()));
        row.put("accuracy", round(e.accuracy()));
        if (!Double.isNaN(diff)) {
            row.put("logit_diff", round(diff));
        }
        ablation.put(how == Ablation.ZERO ? label + " (zero)" : label, row);
        return e;
    }

    /** Runs the whole derivation (see the class comment) and returns the ground truth. */
    public GroundTruth derive(String modelName) {
        List<HeadScores> scores = headScores();
        int last = model.config().nLayer() - 1;
        List<String> prev = new ArrayList<>();
        int firstPrevLayer = Integer.MAX_VALUE;
        for (HeadScores s : scores) {
            int layer = ((NodeId.Head) node(s.head())).layer();
            if (s.previousToken() >= CLASS_THRESHOLD && layer < last) {
                prev.add(s.head());
                firstPrevLayer = Math.min(firstPrevLayer, layer);
            }
        }
        List<String> ind = new ArrayList<>();
        for (HeadScores s : scores) {
            if (s.induction() >= CLASS_THRESHOLD && ((NodeId.Head) node(s.head())).layer() > firstPrevLayer) {
                ind.add(s.head());
            }
        }
        if (prev.isEmpty() || ind.isEmpty()) {
            throw new IllegalStateException("the model has no " + (prev.isEmpty() ? "previous-token" : "induction")
                    + " head (no score reaches " + CLASS_THRESHOLD + "): it did not learn the induction circuit; " + scores);
        }

        Effect none = ablate("none", List.of(), Ablation.MEAN);
        for (NodeId n : graph.upstream()) {
            ablate(n.name(), Gpt2Probe.outgoingEdges(graph, n), Ablation.MEAN);
        }
        boolean mlp0 = model.config().nLayer() > 1
                && ablation.get("m0").get("loss") - none.loss() >= USED_NATS;
        List<String> embedding = mlp0 ? List.of("input", "m0") : List.of("input");

        Map<Qkv, Effect> intoPrev = new LinkedHashMap<>();
        for (Qkv q : Qkv.values()) {
            intoPrev.put(q, ablate("input->prev" + q.suffix(), fan(List.of("input"), prev, q), Ablation.MEAN));
        }
        Effect prevQZero = ablate("input->prev<q>", fan(List.of("input"), prev, Qkv.Q), Ablation.ZERO);
        Effect prevKZero = ablate("input->prev<k>", fan(List.of("input"), prev, Qkv.K), Ablation.ZERO);
        Effect prevV = intoPrev.get(Qkv.V);
        Effect kComp = ablate("prev->ind<k>", fan(prev, ind, Qkv.K), Ablation.MEAN);
        Map<String, Effect> kCompEach = new LinkedHashMap<>();
        for (String p : prev) {
            kCompEach.put(p, ablate(p + "->ind<k>", fan(List.of(p), ind, Qkv.K), Ablation.MEAN));
        }
        ablate("prev->ind<q>", fan(prev, ind, Qkv.Q), Ablation.MEAN);
        ablate("prev->ind<v>", fan(prev, ind, Qkv.V), Ablation.MEAN);
        Map<Qkv, Effect> embJoint = new LinkedHashMap<>();
        Map<String, Effect> embSingle = new LinkedHashMap<>();
        for (Qkv q : Qkv.values()) {
            for (String src : embedding) {
                embSingle.put(src + q.suffix(), ablate(src + "->ind" + q.suffix(), fan(List.of(src), ind, q), Ablation.MEAN));
            }
            if (embedding.size() > 1) {
                embJoint.put(q, ablate(String.join("+", embedding) + "->ind" + q.suffix(), fan(embedding, ind, q), Ablation.MEAN));
            } else {
                embJoint.put(q, embSingle.get("input" + q.suffix()));
            }
        }
        ablate("previous-token heads", outgoing(prev), Ablation.MEAN);
        ablate("induction heads", outgoing(ind), Ablation.MEAN);
        Effect direct = ablate("ind->logits", toLogits(ind), Ablation.MEAN);
        ablate("ind->m1", fanToMlp(ind, last), Ablation.MEAN);
        Effect intoMlp0 = mlp0 ? ablate("input->m0", List.of(edge("input->m0")), Ablation.MEAN) : null;

        List<GroundTruth.Edge> edges = new ArrayList<>();
        String base = String.format(Locale.ROOT, "held-out loss %.4f, accuracy %.3f", none.loss(), none.accuracy());
        for (String p : prev) {
            edges.add(GroundTruth.Edge.parse("input->" + p + "<q>", "query of previous-token head " + p
                    + ": its position (it attends to t-1)", "zero-ablating input->prev<q> for all previous-token heads: "
                    + effect(prevQZero) + "; mean-ablating, which keeps the position embedding: " + effect(intoPrev.get(Qkv.Q))
                    + " (" + base + ")"));
            edges.add(GroundTruth.Edge.parse("input->" + p + "<k>", "key of previous-token head " + p + ": the position",
                    "zero-ablating input->prev<k> for all previous-token heads: " + effect(prevKZero)
                            + "; mean-ablating: " + effect(intoPrev.get(Qkv.K)) + " (" + base + ")"));
            edges.add(GroundTruth.Edge.parse("input->" + p + "<v>", "value of previous-token head " + p
                    + ": the word it moves to the next position", "mean-ablating input->prev<v>: " + effect(prevV) + " (" + base + ")"));
        }
        for (String p : prev) {
            for (String i : ind) {
                edges.add(GroundTruth.Edge.parse(p + "->" + i + "<k>", "K-composition: the key of induction head " + i
                                + " at the word after an earlier occurrence carries the preceding word, from " + p,
                        "mean-ablating all prev->ind<k>: " + effect(kComp) + "; only " + p + "->ind<k>: " + effect(kCompEach.get(p))
                                + " (" + base + ")"));
            }
        }
        for (String i : ind) {
            for (Qkv q : new Qkv[] {Qkv.Q, Qkv.V}) {
                for (String src : embedding) {
                    String role = (q == Qkv.Q ? "query of induction head " + i + ": the current word"
                            : "value of induction head " + i + ": the word it copies")
                            + (src.equals("m0") ? ", through MLP 0 (extended embedding)" : ", from the embedding");
                    String evidence = "mean-ablating " + src + "->ind" + q.suffix() + ": " + effect(embSingle.get(src + q.suffix()))
                            + (embedding.size() > 1 ? "; " + String.join("+", embedding) + "->ind" + q.suffix() + " together: "
                            + effect(embJoint.get(q)) : "") + " (" + base + ")";
                    edges.add(GroundTruth.Edge.parse(src + "->" + i + q.suffix(), role, evidence));
                }
            }
            edges.add(GroundTruth.Edge.parse(i + "->logits", "direct effect of induction head " + i + ": raises the copied word's logit",
                    "mean-ablating all ind->logits: " + effect(direct) + " (" + base + ")"));
        }
        if (mlp0) {
            edges.add(GroundTruth.Edge.parse("input->m0", "MLP 0 reads the word it passes to the induction heads' queries and values",
                    "mean-ablating input->m0: " + effect(intoMlp0) + "; node m0: loss " + ablation.get("m0").get("loss")
                            + " (" + base + ")"));
        }

        Map<String, Map<String, Double>> headTable = new LinkedHashMap<>();
        for (HeadScores s : scores) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("previous_token", round(s.previousToken()));
            row.put("induction", round(s.induction()));
            row.put("duplicate_token", round(s.duplicateToken()));
            row.put("self", round(s.self()));
            headTable.put(s.head(), row);
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        classes.put("previous_token", prev);
        classes.put("induction", ind);
        if (mlp0) {
            classes.put("extended_embedding", List.of("m0"));
        }
        return new GroundTruth(modelName, derivation(mlp0), classes, headTable, ablation, edges);
    }

    private static String derivation(boolean mlp0) {
        return "Derived without EAP by org.eapexplorer.tasks.InductionCircuitAnalysis. Head scores on " + SEQUENCES
                + " held-out repeated sequences (seed " + InductionTask.HELD_OUT_SEED + "): previous_token = mean attention from t to"
                + " t-1; induction = mean attention from each position of the second occurrence to the word after the earlier"
                + " occurrence of the current word; duplicate_token = to that earlier occurrence; self = to itself. A head is"
                + " previous-token (not in the last layer) or induction (after a previous-token layer) when that score is >= "
                + CLASS_THRESHOLD + ". Edges follow the induction mechanism: input -> previous-token heads' q, k (position)"
                + " and v (word); previous-token heads -> induction heads' k (K-composition); embedding -> induction heads'"
                + " q (current word) and v (word to copy); induction heads -> logits"
                + (mlp0 ? "; MLP 0 counts as part of the embedding because mean-ablating it raises the loss by >= " + USED_NATS
                + " nats, so input -> m0 and m0 -> induction heads' q and v are included" : "")
                + ". Ablations (evidence, not selection): each ablated edge carries its source's per-position mean output over "
                + SEQUENCES + " other repeated sequences (seed " + REFERENCE_SEED + "), or zero where marked; 'loss' and"
                + " 'accuracy' are the cross-entropy (nats) and top-1 accuracy on the second occurrence of the held-out sequences,"
                + " 'logit_diff' the mean logit difference on the clean prompts of sample-prompts/induction.jsonl.";
    }

    private static String effect(Effect e) {
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.3f", e.loss(), e.accuracy())
                + (Double.isNaN(e.logitDiff()) ? "" : String.format(Locale.ROOT, ", logit diff %.2f", e.logitDiff()));
    }

    /** Edges from every source to every head's q/k/v input. */
    private List<EdgeId> fan(List<String> sources, List<String> heads, Qkv q) {
        List<EdgeId> out = new ArrayList<>();
        for (String s : sources) {
            for (String h : heads) {
                out.add(edge(s + "->" + h + q.suffix()));
            }
        }
        return out;
    }

    /** Every edge out of the given nodes (heads of one layer do not feed each other, so this ablates them exactly). */
    private List<EdgeId> outgoing(List<String> nodes) {
        List<EdgeId> out = new ArrayList<>();
        for (String n : nodes) {
            out.addAll(Gpt2Probe.outgoingEdges(graph, node(n)));
        }
        return out;
    }

    private List<EdgeId> toLogits(List<String> heads) {
        return heads.stream().map(h -> edge(h + "->logits")).toList();
    }

    private List<EdgeId> fanToMlp(List<String> heads, int layer) {
        return heads.stream().map(h -> edge(h + "->m" + layer)).toList();
    }

    private EdgeId edge(String name) {
        return graph.edge(graph.edgeIndex(name).orElseThrow(() -> new IllegalArgumentException("no edge " + name)));
    }

    private NodeId node(String name) {
        return graph.upstream().get(graph.upstreamIndex(name).orElseThrow());
    }

    /**
     * Re-derives a model's {@code ground-truth.json} without training: {@code modelDir [promptFile]}, defaults
     * {@code assets/models/induction-2l} and {@code sample-prompts/induction.jsonl}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "assets/models/induction-2l");
        Path prompts = Path.of(args.length > 1 ? args[1] : "sample-prompts/induction.jsonl");
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.loadFor(dir, model.config())) {
            PromptSet set = PromptPairFile.read(prompts);
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            GroundTruth truth = new InductionCircuitAnalysis(model, pairs).derive(dir.getFileName().toString());
            truth.write(dir.resolve("ground-truth.json"));
            System.out.println(truth.headClasses() + ", " + truth.edges().size() + " edges; wrote " + dir.resolve("ground-truth.json"));
        }
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
