#!/usr/bin/python3
"""Test oracle for EAP Explorer: tiny random GPT-2 models + float64 reference numbers.

Run:  /usr/bin/python3 tools/oracle/make_fixtures.py [--only NAME ...]
Writes src/test/resources/fixtures/<model>/{config.json, model.safetensors,
tokenizer.json, prompts.jsonl, reference.json} and fixtures/README.md.

Everything is deterministic (seeded torch.Generator, no wall-clock input). The float64
reference numbers can still differ in their last bits between PyTorch builds (its BLAS):
1.13 from Debian gave up to 3e-11 relative differences. To add a fixture without touching
the others' files, build it alone: --only NAME.
Reference numbers are computed in float64 from the weights exactly as stored
(F16/BF16 weights are rounded to that dtype first, then upcast to float64).

EAP convention (as hannamw/EAP-IG):
  upstream nodes   : input, then per layer l: a{l}.h0..a{l}.h{H-1}, m{l}
  downstream inputs: per layer l: a{l}.h*<q>, a{l}.h*<k>, a{l}.h*<v>, m{l}; then logits
  attention-only models (attn_only): the same without any m{l}
  score(u->v) = sum_{i,t} (u_corr - u_clean)[i,t,:] . dL/dv[i,t,:]   (L = mean_i m_i, clean run)
"""
import json
import math
import os
import struct
import sys

import torch

torch.set_default_dtype(torch.float64)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")
PAD_ID = 0
EPS = 1e-5

# ---------------------------------------------------------------------------
# vocabulary and prompts
# ---------------------------------------------------------------------------
WORDS = [
    "the", "a", "and", "to", "of", "went", "store", "gave", "drink", "book",
    "park", "school", "mary", "john", "alice", "bob", "tom", "sara", "then",
    "when", "after", "with", "ball", "said", "is", "was", "big", "small",
    "red", "blue", "cat", "dog", "saw", "had", "met", "house", "apple",
    "When", "The", "Then",
]
assert len(set(WORDS)) == len(WORDS)
VOCAB = {"<unk>": 0}
for w in WORDS:
    VOCAB[w] = len(VOCAB)
V = len(VOCAB)  # 41
BOS_TOKEN = "<|endoftext|>"  # appended to the vocabulary (id 41) of the fixtures with "bos": True


def vocab_of(cfg):
    """The fixture's vocabulary: the shared one, plus a BOS token for models that prepend one."""
    if not cfg.get("bos"):
        return VOCAB
    vocab = dict(VOCAB)
    vocab[BOS_TOKEN] = len(vocab)
    return vocab

PROMPTS = {
    "tiny-f32": [  # lengths 5,3,8,4,9,6,7
        {"clean": "mary met john then gave", "corrupted": "tom met bob then gave",
         "answer": "mary", "distractor": "john"},
        {"clean": "john and mary", "corrupted": "bob and tom",
         "answer": "john", "distractor": "mary"},
        {"clean": "When alice and bob went to the store",
         "corrupted": "When sara and tom went to the park",
         "answer": "alice", "distractor": "bob"},
        {"clean": "The cat saw a", "corrupted": "The dog saw a",
         "answer": "dog", "distractor": "cat"},
        {"clean": "When mary and john went to school john gave",
         "corrupted": "When mary and john went to school mary gave",
         "answer": "mary", "distractor": "john"},
        {"clean": "then sara had a red ball", "corrupted": "then tom had a blue ball",
         "answer": "sara", "distractor": "tom"},
        {"clean": "after bob saw the big dog with",
         "corrupted": "after alice saw the small cat with",
         "answer": "bob", "distractor": "alice"},
    ],
    "tiny-f16": [  # prob_diff with lists; lengths 4,7,3,9,6,8,5
        {"clean": "mary met john then", "corrupted": "sara met tom then",
         "answers": ["mary", "alice"], "distractors": ["john"], "metric": "prob_diff"},
        {"clean": "When john and mary went to the", "corrupted": "When bob and sara went to the",
         "answers": ["store", "park"], "distractors": ["school", "house"], "metric": "prob_diff"},
        {"clean": "the red ball", "corrupted": "the blue ball",
         "answers": ["red"], "distractors": ["blue", "big"], "metric": "prob_diff"},
        {"clean": "When alice and tom went to the store tom",
         "corrupted": "When alice and tom went to the store alice",
         "answers": ["gave", "said"], "distractors": ["had"], "metric": "prob_diff"},
        {"clean": "The dog saw a small cat", "corrupted": "The cat saw a big dog",
         "answers": ["dog"], "distractors": ["cat"], "metric": "prob_diff"},
        {"clean": "then bob had a book and gave mary",
         "corrupted": "then sara had a ball and gave john",
         "answers": ["the", "a"], "distractors": ["to"], "metric": "prob_diff"},
        {"clean": "after john saw the apple", "corrupted": "after mary saw the house",
         "answers": ["john", "bob"], "distractors": ["mary", "sara"], "metric": "prob_diff"},
    ],
    "tiny-attn-only": [  # logit_diff; lengths 7,4,9,5,3,8,6
        {"clean": "When mary and john went to the", "corrupted": "When alice and bob went to the",
         "answer": "mary", "distractor": "john"},
        {"clean": "tom saw a cat", "corrupted": "sara saw a dog",
         "answer": "tom", "distractor": "sara"},
        {"clean": "The red ball and the blue book was with",
         "corrupted": "The blue ball and the red book was with",
         "answer": "red", "distractor": "blue"},
        {"clean": "bob met alice then said", "corrupted": "john met mary then said",
         "answer": "alice", "distractor": "mary"},
        {"clean": "then john gave", "corrupted": "then bob gave",
         "answer": "john", "distractor": "bob"},
        {"clean": "When sara and tom went to school sara",
         "corrupted": "When sara and tom went to school tom",
         "answer": "tom", "distractor": "sara"},
        {"clean": "after the big dog had a", "corrupted": "after the small cat had a",
         "answer": "dog", "distractor": "cat"},
    ],
    "tiny-shortformer": [  # logit_diff; lengths 8,5,3,9,6,4,7 words (+1 with the BOS token)
        {"clean": "When john and sara went to the store", "corrupted": "When bob and alice went to the store",
         "answer": "sara", "distractor": "bob"},
        {"clean": "mary saw the red ball", "corrupted": "tom saw the blue ball",
         "answer": "mary", "distractor": "tom"},
        {"clean": "the cat had", "corrupted": "the dog had",
         "answer": "cat", "distractor": "dog"},
        {"clean": "When alice and tom went to the park alice",
         "corrupted": "When alice and tom went to the park tom",
         "answer": "tom", "distractor": "alice"},
        {"clean": "then bob gave a big apple", "corrupted": "then john gave a small apple",
         "answer": "bob", "distractor": "john"},
        {"clean": "The book was with", "corrupted": "The ball was with",
         "answer": "book", "distractor": "ball"},
        {"clean": "after sara met john and then said", "corrupted": "after mary met bob and then said",
         "answer": "john", "distractor": "bob"},
    ],
    "tiny-bf16": [  # logit_diff; lengths 6,9,4,3,7,5
        {"clean": "mary and john went to school", "corrupted": "alice and bob went to school",
         "answer": "john", "distractor": "bob"},
        {"clean": "When tom and sara went to the park sara",
         "corrupted": "When tom and sara went to the park tom",
         "answer": "tom", "distractor": "sara"},
        {"clean": "The big red apple", "corrupted": "The small blue apple",
         "answer": "big", "distractor": "small"},
        {"clean": "bob saw alice", "corrupted": "john saw mary",
         "answer": "alice", "distractor": "mary"},
        {"clean": "then the cat was with a dog", "corrupted": "then the dog was with a cat",
         "answer": "cat", "distractor": "dog"},
        {"clean": "When mary gave a drink", "corrupted": "When john gave a book",
         "answer": "mary", "distractor": "john"},
    ],
}

MODELS = [
    # name, L, H, d, n_positions, dtype, prefix, extra attn.bias buffer, metric, seed
    dict(name="tiny-f32", L=2, H=3, d=24, n_pos=32, dtype="F32", prefix="transformer.",
         buffer=True, metric="logit_diff", seed=1234),
    dict(name="tiny-f16", L=3, H=2, d=16, n_pos=32, dtype="F16", prefix="",
         buffer=False, metric="prob_diff", seed=5678,
         emb_std=0.5),  # smaller (tied) embeddings -> softer softmax, prob_diff not saturated
    dict(name="tiny-bf16", L=2, H=4, d=16, n_pos=32, dtype="BF16", prefix="",
         buffer=False, metric="logit_diff", seed=9012),
    # no MLPs (config.json "attn_only": true), like ACDC's attn-only-4l docstring model
    dict(name="tiny-attn-only", L=3, H=4, d=24, n_pos=32, dtype="F32", prefix="",
         buffer=False, metric="logit_diff", seed=3456, attn_only=True),
    # attention-only with TransformerLens's shortformer positional embedding and a BOS token in front of every
    # prompt (config.json "positional_embedding_type": "shortformer", "prepend_bos": true), like attn-only-4l
    dict(name="tiny-shortformer", L=3, H=4, d=24, n_pos=32, dtype="F32", prefix="",
         buffer=False, metric="logit_diff", seed=7890, attn_only=True, shortformer=True, bos=True),
]

TORCH_DTYPE = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def tokenize(text):
    ids = []
    for w in text.split():
        assert w in VOCAB, "word not in vocab: %r" % w
        ids.append(VOCAB[w])
    return ids


# ---------------------------------------------------------------------------
# weights
# ---------------------------------------------------------------------------
def make_weights(cfg):
    g = torch.Generator().manual_seed(cfg["seed"])
    L, d, n_pos = cfg["L"], cfg["d"], cfg["n_pos"]

    def n(*shape, std=1.0, mean=0.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * std + mean

    W = {}
    emb = cfg.get("emb_std", 1.0)
    W["wte.weight"] = n(len(vocab_of(cfg)), d, std=emb)
    W["wpe.weight"] = n(n_pos, d, std=emb)
    for i in range(L):
        p = "h.%d." % i
        W[p + "ln_1.weight"] = n(d, std=0.1, mean=1.0)
        W[p + "ln_1.bias"] = n(d, std=0.1)
        W[p + "attn.c_attn.weight"] = n(d, 3 * d, std=0.3)
        W[p + "attn.c_attn.bias"] = n(3 * d, std=0.1)
        W[p + "attn.c_proj.weight"] = n(d, d, std=0.3)
        W[p + "attn.c_proj.bias"] = n(d, std=0.1)
        if cfg.get("attn_only"):
            continue
        W[p + "ln_2.weight"] = n(d, std=0.1, mean=1.0)
        W[p + "ln_2.bias"] = n(d, std=0.1)
        W[p + "mlp.c_fc.weight"] = n(d, 4 * d, std=0.3)
        W[p + "mlp.c_fc.bias"] = n(4 * d, std=0.1)
        W[p + "mlp.c_proj.weight"] = n(4 * d, d, std=0.3)
        W[p + "mlp.c_proj.bias"] = n(d, std=0.1)
    W["ln_f.weight"] = n(d, std=0.1, mean=1.0)
    W["ln_f.bias"] = n(d, std=0.1)
    # round to the storage dtype
    stored = {k: v.to(TORCH_DTYPE[cfg["dtype"]]) for k, v in W.items()}
    exact = {k: v.to(torch.float64) for k, v in stored.items()}
    return stored, exact


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    if t.dtype == torch.float16:
        return t.numpy().astype("<f2").tobytes()
    if t.dtype == torch.float32:
        return t.numpy().astype("<f4").tobytes()
    raise ValueError(t.dtype)


DTYPE_NAME = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}


def write_safetensors(path, tensors):
    header = {}
    blobs = []
    off = 0
    for name in sorted(tensors):
        t = tensors[name]
        b = tensor_bytes(t)
        header[name] = {"dtype": DTYPE_NAME[t.dtype], "shape": list(t.shape),
                        "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    header["__metadata__"] = {"format": "pt"}
    hj = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hj += b" " * ((8 - len(hj) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hj)))
        f.write(hj)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """Independent re-read (used to verify the writer)."""
    import numpy as np
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        b0, b1 = v["data_offsets"]
        buf = data[b0:b1]
        if v["dtype"] == "F32":
            a = np.frombuffer(buf, dtype="<f4").astype(np.float64)
        elif v["dtype"] == "F16":
            a = np.frombuffer(buf, dtype="<f2").astype(np.float64)
        elif v["dtype"] == "BF16":
            a = (np.frombuffer(buf, dtype="<u2").astype(np.uint32) << 16).view(np.float32).astype(np.float64)
        else:
            raise ValueError(v["dtype"])
        out[k] = torch.from_numpy(a.reshape(v["shape"]).copy())
    return out


# ---------------------------------------------------------------------------
# GPT-2 math (float64)
# ---------------------------------------------------------------------------
def layer_norm(x, w, b):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + EPS) * w + b


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def causal_attention(q, k, v):
    """q,k,v: [B,P,dh] for one head -> z [B,P,dh]."""
    P, dh = q.shape[1], q.shape[2]
    s = q @ k.transpose(1, 2) / math.sqrt(dh)
    mask = torch.ones(P, P, dtype=torch.bool).tril()
    s = s.masked_fill(~mask, float("-inf"))
    return torch.softmax(s, -1) @ v


def plain_forward(W, cfg, tok):
    """Ordinary GPT-2 forward (fused attention). tok: [B,P] long -> logits [B,P,V]."""
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    dh = d // H
    B, P = tok.shape
    pos = W["wpe.weight"][torch.arange(P)][None]
    shortformer = cfg.get("shortformer")
    x = W["wte.weight"][tok] + (0 if shortformer else pos)
    for l in range(L):
        p = "h.%d." % l
        a = layer_norm(x, W[p + "ln_1.weight"], W[p + "ln_1.bias"])
        Wa, ba = W[p + "attn.c_attn.weight"], W[p + "attn.c_attn.bias"]
        if shortformer:
            # TransformerLens: query_input = ln1(x) + pos, key_input = ln1(x) + pos, value_input = ln1(x)
            q = (a + pos) @ Wa[:, :d] + ba[:d]
            k = (a + pos) @ Wa[:, d:2 * d] + ba[d:2 * d]
            v = a @ Wa[:, 2 * d:] + ba[2 * d:]
        else:
            q, k, v = (a @ Wa + ba).split(d, -1)
        q = q.view(B, P, H, dh).transpose(1, 2)
        k = k.view(B, P, H, dh).transpose(1, 2)
        v = v.view(B, P, H, dh).transpose(1, 2)
        s = q @ k.transpose(-1, -2) / math.sqrt(dh)
        s = s.masked_fill(~torch.ones(P, P, dtype=torch.bool).tril(), float("-inf"))
        z = (torch.softmax(s, -1) @ v).transpose(1, 2).reshape(B, P, d)
        x = x + z @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
        if cfg.get("attn_only"):
            continue
        m = layer_norm(x, W[p + "ln_2.weight"], W[p + "ln_2.bias"])
        m = gelu_new(m @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"])
        x = x + m @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
    x = layer_norm(x, W["ln_f.weight"], W["ln_f.bias"])
    return x @ W["wte.weight"].T


def graph_nodes(L, H, attn_only=False):
    up = ["input"]
    down = []
    for l in range(L):
        for qkv in "qkv":
            for h in range(H):
                down.append("a%d.h%d<%s>" % (l, h, qkv))
        up.extend("a%d.h%d" % (l, h) for h in range(H))
        if attn_only:
            continue
        down.append("m%d" % l)
        up.append("m%d" % l)
    down.append("logits")
    return up, down


def graph_edges(L, H, attn_only=False):
    """List of (upstream, downstream) in order: downstream order, then upstream forward order."""
    edges = []
    written = ["input"]
    for l in range(L):
        for qkv in "qkv":
            for h in range(H):
                dn = "a%d.h%d<%s>" % (l, h, qkv)
                edges.extend((u, dn) for u in written)
        written.extend("a%d.h%d" % (l, h) for h in range(H))
        if attn_only:
            continue
        edges.extend((u, "m%d" % l) for u in written)
        written.append("m%d" % l)
    edges.extend((u, "logits") for u in written)
    return edges


def explicit_forward(W, cfg, tok, perturb=None, retain=False, kept=None, corr_ups=None, input_override=None):
    """Forward pass with the EAP graph made explicit.

    Every downstream input is built as sum(upstream outputs that feed it) + accumulated
    constant biases (c_proj biases of earlier attention layers); every consumer runs
    on its own copy. perturb: {downstream name: tensor added to that input copy}.
    kept/corr_ups: a circuit -- the set of kept edges "u->v"; every other edge carries the
    corrupted run's output of u (corr_ups[u]) instead of this run's own.
    input_override: replaces the input node's output (EAP-IG's interpolated inputs).
    Returns logits, {upstream: output}, {downstream: input tensor (grad retained)}; with retain,
    every upstream output keeps its gradient too (node scores).
    """
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    dh = d // H
    B, P = tok.shape
    perturb = perturb or {}
    ups = {}
    order = []
    downs = {}

    def make_input(name, const):
        x = const.expand(B, P, d)
        for u in order:
            if kept is None or ("%s->%s" % (u, name)) in kept:
                x = x + ups[u]
            else:
                x = x + corr_ups[u]
        if name in perturb:
            x = x + perturb[name]
        if retain:
            x.retain_grad()
        downs[name] = x
        return x

    pos = W["wpe.weight"][torch.arange(P)][None]
    # shortformer: the input node is the token embedding; W_pos is added to every q/k input after ln_1
    ups["input"] = W["wte.weight"][tok] + (0 if cfg.get("shortformer") else pos)
    if input_override is not None:
        ups["input"] = input_override.clone()
    if retain:
        ups["input"].requires_grad_()  # so that every downstream copy is part of the graph
    order.append("input")
    const = torch.zeros(d)  # accumulated attention c_proj biases
    for l in range(L):
        p = "h.%d." % l
        Wa, ba = W[p + "attn.c_attn.weight"], W[p + "attn.c_attn.bias"]
        lw, lb = W[p + "ln_1.weight"], W[p + "ln_1.bias"]
        proj = {}
        for j, qkv in enumerate("qkv"):
            for h in range(H):
                name = "a%d.h%d<%s>" % (l, h, qkv)
                x = make_input(name, const)
                cols = slice(j * d + h * dh, j * d + (h + 1) * dh)
                a = layer_norm(x, lw, lb)
                if cfg.get("shortformer") and qkv != "v":
                    a = a + pos
                proj[(qkv, h)] = a @ Wa[:, cols] + ba[cols]
        Wo = W[p + "attn.c_proj.weight"]
        heads = []
        for h in range(H):
            z = causal_attention(proj[("q", h)], proj[("k", h)], proj[("v", h)])
            heads.append(z @ Wo[h * dh:(h + 1) * dh, :])
        for h in range(H):
            if retain:
                heads[h].retain_grad()
            ups["a%d.h%d" % (l, h)] = heads[h]
            order.append("a%d.h%d" % (l, h))
        const = const + W[p + "attn.c_proj.bias"]
        if cfg.get("attn_only"):
            continue
        x = make_input("m%d" % l, const)
        m = layer_norm(x, W[p + "ln_2.weight"], W[p + "ln_2.bias"])
        m = gelu_new(m @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"])
        ups["m%d" % l] = m @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
        if retain:
            ups["m%d" % l].retain_grad()
        order.append("m%d" % l)
    x = make_input("logits", const)
    logits = layer_norm(x, W["ln_f.weight"], W["ln_f.bias"]) @ W["wte.weight"].T
    return logits, ups, downs


# ---------------------------------------------------------------------------
# metrics
# ---------------------------------------------------------------------------
def answer_lists(pr):
    if "answers" in pr:
        return [VOCAB[w] for w in pr["answers"]], [VOCAB[w] for w in pr["distractors"]]
    return [VOCAB[pr["answer"]]], [VOCAB[pr["distractor"]]]


def metric_per_prompt(logits, last, prompts, metric):
    """logits [B,P,V], last: list of last real positions -> tensor [B]."""
    vals = []
    for i, pr in enumerate(prompts):
        lg = logits[i, last[i]]
        a, dd = answer_lists(pr)
        if metric == "logit_diff":
            vals.append(lg[a].mean() - lg[dd].mean())
        elif metric == "prob_diff":
            pb = torch.softmax(lg, -1)
            vals.append(pb[a].sum() - pb[dd].sum())
        else:
            raise ValueError(metric)
    return torch.stack(vals)


def kl_last(clean_logits, logits, last):
    """mean over prompts of KL(clean || patched) of the next-token distributions at the last token."""
    vals = []
    for i in range(len(last)):
        lp = torch.log_softmax(clean_logits[i, last[i]], -1)
        lq = torch.log_softmax(logits[i, last[i]], -1)
        vals.append((lp.exp() * (lp - lq)).sum())
    return torch.stack(vals).mean()


def acdc(W, cfg, tc, corr_ups, edges, up_names, down_names, score_fn, tau):
    """ACDC (Conmy et al. 2023) on the EAP graph, the plain way: receivers in reverse topological
    order; a receiver whose node has no kept outgoing edge is skipped (its incoming edges dropped);
    each incoming edge, latest upstream first, is removed for good if the score to minimise rises
    by less than tau. Returns the kept edges, the number of forward passes, the decision margins."""
    names = ["%s->%s" % (u, v) for u, v in edges]
    kept = set(names)
    def run(k):
        lg, _, _ = explicit_forward(W, cfg, tc, kept=k, corr_ups=corr_ups)
        return score_fn(lg)
    current = run(kept)
    passes = 1
    margins = []
    def node_of(v):
        return v.split("<")[0]
    for v in reversed(down_names):
        node = node_of(v)
        if v != "logits" and not any(n.startswith(node + "->") for n in kept):
            for n in [n for n in kept if n.endswith("->" + v)]:
                kept.discard(n)
            continue
        for u in reversed(up_names):
            n = "%s->%s" % (u, v)
            if n not in kept:
                continue
            trial = set(kept)
            trial.discard(n)
            val = run(trial)
            passes += 1
            margins.append(abs((val - current) - tau))
            if val - current < tau:
                kept = trial
                current = val
    return [n for n in names if n in kept], passes, min(margins), current


def pad(seqs):
    P = max(len(s) for s in seqs)
    return torch.tensor([s + [PAD_ID] * (P - len(s)) for s in seqs], dtype=torch.long)


# ---------------------------------------------------------------------------
# per model
# ---------------------------------------------------------------------------
def build(cfg):
    name = cfg["name"]
    out = os.path.join(FIXTURES, name)
    os.makedirs(out, exist_ok=True)
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    assert d % H == 0
    prompts = PROMPTS[name]
    metric = cfg["metric"]
    for pr in prompts:
        assert pr.get("metric", "logit_diff") == metric
    lens = [len(p["clean"].split()) for p in prompts]
    assert len(set(lens)) == len(lens), "pair lengths must differ"
    assert all(3 <= n <= 9 for n in lens) and 6 <= len(prompts) <= 8

    stored, W = make_weights(cfg)

    # --- files --------------------------------------------------------------
    config = {
        "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"],
        "n_layer": L, "n_head": H, "n_embd": d, "n_positions": cfg["n_pos"],
        "n_ctx": cfg["n_pos"], "vocab_size": len(vocab_of(cfg)), "layer_norm_epsilon": EPS,
        "activation_function": "gelu_new", "tie_word_embeddings": True,
        "bos_token_id": 0, "eos_token_id": 0,
        "torch_dtype": {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}[cfg["dtype"]],
    }
    if cfg.get("attn_only"):
        # TransformerLens's key; no MLP, so no activation function
        del config["activation_function"]
        config["attn_only"] = True
    if cfg.get("shortformer"):
        config["positional_embedding_type"] = "shortformer"
    if cfg.get("bos"):
        config["prepend_bos"] = True
        config["bos_token_id"] = config["eos_token_id"] = vocab_of(cfg)[BOS_TOKEN]
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": None, "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab_of(cfg), "unk_token": "<unk>"},
    }
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(tokenizer, f, indent=2)
        f.write("\n")
    st = {cfg["prefix"] + k: v for k, v in stored.items()}
    if cfg["buffer"]:
        n = cfg["n_pos"]
        st[cfg["prefix"] + "h.0.attn.bias"] = torch.ones(n, n, dtype=torch.float32).tril().view(1, 1, n, n)
    st_path = os.path.join(out, "model.safetensors")
    write_safetensors(st_path, st)
    # verify the writer with an independent reader
    back = read_safetensors(st_path)
    assert set(back) == set(st)
    for k, v in W.items():
        assert torch.equal(back[cfg["prefix"] + k], v), k
    with open(os.path.join(out, "prompts.jsonl"), "w") as f:
        for pr in prompts:
            f.write(json.dumps(pr) + "\n")

    # --- reference numbers ---------------------------------------------------
    bos = [vocab_of(cfg)[BOS_TOKEN]] if cfg.get("bos") else []
    clean_ids = [bos + tokenize(p["clean"]) for p in prompts]
    corr_ids = [bos + tokenize(p["corrupted"]) for p in prompts]
    for c, r in zip(clean_ids, corr_ids):
        assert len(c) == len(r)
    last = [len(s) - 1 for s in clean_ids]
    tc, tr = pad(clean_ids), pad(corr_ids)

    with torch.no_grad():
        plain_c = plain_forward(W, cfg, tc)
        plain_r = plain_forward(W, cfg, tr)
        corr_logits, corr_ups, _ = explicit_forward(W, cfg, tr)
    assert (plain_r - corr_logits).abs().max().item() < 1e-10

    clean_logits, clean_ups, downs = explicit_forward(W, cfg, tc, retain=True)
    err = (plain_c - clean_logits).abs().max().item()
    assert err < 1e-10, err
    if cfg.get("shortformer"):
        with torch.no_grad():  # the mode must matter: the same weights read as a standard GPT-2 give other logits
            assert (plain_forward(W, dict(cfg, shortformer=False), tc) - plain_c).abs().max().item() > 1e-2
    m_clean = metric_per_prompt(clean_logits, last, prompts, metric)
    m_corr = metric_per_prompt(corr_logits, last, prompts, metric)
    Lval = m_clean.mean()
    Lval.backward()

    # padding must not change anything: each prompt alone, unpadded
    with torch.no_grad():
        for i in range(len(prompts)):
            lc = plain_forward(W, cfg, torch.tensor([clean_ids[i]]))
            lr = plain_forward(W, cfg, torch.tensor([corr_ids[i]]))
            assert (lc[0] - plain_c[i, :len(clean_ids[i])]).abs().max() < 1e-10
            mc = metric_per_prompt(lc, [last[i]], [prompts[i]], metric)[0]
            mr = metric_per_prompt(lr, [last[i]], [prompts[i]], metric)[0]
            assert abs(mc - m_clean[i]) < 1e-12 and abs(mr - m_corr[i]) < 1e-12

    attn_only = bool(cfg.get("attn_only"))
    edges = graph_edges(L, H, attn_only)
    up_names, down_names = graph_nodes(L, H, attn_only)
    n_edges = len(edges)
    mlp = 0 if attn_only else 1
    assert n_edges == sum(
        [(1 + (H + mlp) * l) * 3 * H + mlp * (1 + (H + 1) * l + H) for l in range(L)]) + len(up_names)
    assert len(up_names) == 1 + L * (H + mlp) and len(down_names) == L * (3 * H + mlp) + 1
    scores = {}
    delta = {u: (corr_ups[u] - clean_ups[u]).detach() for u in up_names}
    for u, v in edges:
        g = downs[v].grad
        scores["%s->%s" % (u, v)] = (delta[u] * g).sum().item()

    # node scores (EAP-IG's node level): delta_u . dL/du, the gradient at u's own output
    node_scores = {u: (delta[u] * clean_ups[u].grad).sum().item() for u in up_names}

    # the other methods: the same delta_u, dotted with the mean gradient at v over the method's runs
    # (tokens, input node output or None); every run is scored with the clean prompts' labels
    def method_scores(runs):
        grad_down = {v: 0 for v in down_names}
        grad_up = {u: 0 for u in up_names}
        for tok, x in runs:
            lg, ups_k, downs_k = explicit_forward(W, cfg, tok, retain=True, input_override=x)
            (metric_per_prompt(lg, last, prompts, metric).mean() / len(runs)).backward()
            for v in down_names:
                grad_down[v] = grad_down[v] + downs_k[v].grad
            for u in up_names:
                grad_up[u] = grad_up[u] + ups_k[u].grad
        return ({"%s->%s" % (u, v): (delta[u] * grad_down[v]).sum().item() for u, v in edges},
                {u: (delta[u] * grad_up[u]).sum().item() for u in up_names})

    x_clean, x_corr = clean_ups["input"].detach(), corr_ups["input"].detach()
    methods = {}
    for steps in (1, 2, 5):
        # EAP-IG's inputs: k = 1..N (right Riemann sum; k = N is the clean input)
        ig_runs = [(tc, x_corr + (k / steps) * (x_clean - x_corr)) for k in range(1, steps + 1)]
        e_sc, n_sc = method_scores(ig_runs)
        methods["eap-ig-inputs-%d" % steps] = {"method": "eap-ig-inputs", "steps": steps, "scores": e_sc, "node_scores": n_sc}
    e_sc, n_sc = method_scores([(tc, None), (tr, None)])
    methods["clean-corrupted"] = {"method": "clean-corrupted", "steps": 1, "scores": e_sc, "node_scores": n_sc}
    # two independent routes to EAP itself must agree: the one-step EAP-IG run and the plain backward above
    for k, v in methods["eap-ig-inputs-1"]["scores"].items():
        assert abs(v - scores[k]) <= 1e-9 * max(1.0, abs(v)), (k, v, scores[k])

    # independent check of the gradient wiring: central finite differences of
    # alpha -> L(input copy of v += alpha * delta_u) at alpha=0 for sampled edges
    gen = torch.Generator().manual_seed(cfg["seed"] + 1)
    sample = torch.randperm(n_edges, generator=gen)[:25].tolist()
    sample += [n_edges - 1, 0]
    h = 1e-5
    with torch.no_grad():
        for idx in sample:
            u, v = edges[idx]
            fd = []
            for a in (h, -h):
                lg, _, _ = explicit_forward(W, cfg, tc, perturb={v: a * delta[u]})
                fd.append(metric_per_prompt(lg, last, prompts, metric).mean().item())
            fdv = (fd[0] - fd[1]) / (2 * h)
            s = scores["%s->%s" % (u, v)]
            assert abs(fdv - s) <= 1e-6 * max(1.0, abs(s)), (u, v, fdv, s)
        # padded positions carry no gradient
        for v in down_names:
            g = downs[v].grad
            for i in range(len(prompts)):
                if len(clean_ids[i]) < tc.shape[1]:
                    assert g[i, len(clean_ids[i]):].abs().max().item() == 0.0

    # exact edge patching: v's input copy becomes v_clean + lam * (u_corr - u_clean), every
    # other input as in the clean run; effect = L(patched) - L(clean). lam = 1 for every edge,
    # and 21-point interpolation curves for a sample of edges.
    patch_all = {}
    lambdas = [i / 20 for i in range(21)]
    curves = {}
    with torch.no_grad():
        for u, v in edges:
            lg, _, _ = explicit_forward(W, cfg, tc, perturb={v: delta[u]})
            patch_all["%s->%s" % (u, v)] = metric_per_prompt(lg, last, prompts, metric).mean().item() - Lval.item()
        curve_gen = torch.Generator().manual_seed(cfg["seed"] + 2)
        for idx in sorted(set(torch.randperm(n_edges, generator=curve_gen)[:6].tolist() + [0, n_edges - 1])):
            u, v = edges[idx]
            row = []
            for lam in lambdas:
                lg, _, _ = explicit_forward(W, cfg, tc, perturb={v: lam * delta[u]})
                row.append(metric_per_prompt(lg, last, prompts, metric).mean().item() - Lval.item())
            curves["%s->%s" % (u, v)] = row

    # circuits: everything outside the kept edges patched to the corrupted run (the
    # faithfulness/ACDC forward). Empty circuit = corrupted metric, full circuit = clean.
    circuits = []
    with torch.no_grad():
        circ_gen = torch.Generator().manual_seed(cfg["seed"] + 3)
        names_all = ["%s->%s" % (u, v) for u, v in edges]
        for frac in (0.0, 0.1, 0.5, 0.9, 1.0):
            perm = torch.randperm(n_edges, generator=circ_gen).tolist()
            kept_set = set(names_all[i] for i in perm[:int(round(frac * n_edges))])
            lg, _, _ = explicit_forward(W, cfg, tc, kept=kept_set, corr_ups=corr_ups)
            circuits.append({"kept": sorted(kept_set, key=names_all.index),
                             "metric": metric_per_prompt(lg, last, prompts, metric).mean().item()})
        assert abs(circuits[0]["metric"] - m_corr.mean().item()) < 1e-9
        assert abs(circuits[-1]["metric"] - Lval.item()) < 1e-9

    # ACDC, with the negated task metric and with KL(clean || patched), as a second
    # implementation for the Java one; thresholds chosen well away from every decision.
    acdc_runs = []
    with torch.no_grad():
        for kind, tau in (("task", 0.02 * abs(Lval.item())), ("kl", 0.02)):
            if kind == "task":
                fn = lambda lg: -metric_per_prompt(lg, last, prompts, metric).mean().item()
            else:
                fn = lambda lg: kl_last(plain_c, lg, last).item()
            kept_edges, passes, margin, final = acdc(W, cfg, tc, corr_ups, edges, up_names, down_names, fn, tau)
            assert margin > 1e-6, (name, kind, margin)
            acdc_runs.append({"score": kind, "tau": tau, "kept": kept_edges, "forward_passes": passes,
                              "final": final, "min_decision_margin": margin})

    ref = {
        "model": name, "metric": metric, "n_edges": n_edges,
        "n_layer": L, "n_head": H, "d_model": d, "vocab_size": len(vocab_of(cfg)), "pad_id": PAD_ID,
        "upstream_nodes": up_names, "downstream_nodes": down_names,
        "tokens": {"clean": clean_ids, "corrupted": corr_ids},
        "logits_clean_last": [plain_c[i, last[i]].tolist() for i in range(len(prompts))],
        "logits_clean_prompt0": plain_c[0, :len(clean_ids[0])].tolist(),
        "metric_clean_per_prompt": m_clean.tolist(),
        "metric_corrupted_per_prompt": m_corr.tolist(),
        "metric_clean": Lval.item(), "metric_corrupted": m_corr.mean().item(),
        "scores": scores,
        "node_scores": node_scores,
        "methods": methods,
        "patching": {"lambda_one": patch_all, "lambdas": lambdas, "curves": curves},
        "circuits": circuits,
        "acdc": acdc_runs,
    }
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")

    absval = sorted(abs(s) for s in scores.values())
    sizes = {fn: os.path.getsize(os.path.join(out, fn)) for fn in sorted(os.listdir(out))}
    print("%s: L=%d H=%d d=%d V=%d %s edges=%d metric clean=%.6f corr=%.6f |score| min=%.3g "
          "median=%.3g max=%.3g; max|explicit-plain|=%.2e" % (
              name, L, H, d, len(vocab_of(cfg)), cfg["dtype"], n_edges, Lval.item(), m_corr.mean().item(),
              absval[0], absval[len(absval) // 2], absval[-1], err))
    print("   sizes:", sizes, "total", sum(sizes.values()))
    for i in range(len(prompts)):
        print("   pair %d len=%d m_clean=%+.4f m_corr=%+.4f" % (
            i, len(clean_ids[i]), m_clean[i].item(), m_corr[i].item()))


README = """# Test fixtures

Generated by `tools/oracle/make_fixtures.py` (run `/usr/bin/python3 tools/oracle/make_fixtures.py`;
deterministic, seeded) and `tools/oracle/gpt2_tokenizer_cases.py`. Do not edit by hand.

## Tiny GPT-2 models (`tiny-f32`, `tiny-f16`, `tiny-bf16`, `tiny-attn-only`, `tiny-shortformer`)

Random-weight GPT-2 models in the Hugging Face directory layout (`config.json`,
`model.safetensors`, word-level `tokenizer.json`), plus `prompts.jsonl` and `reference.json`.

| model | layers | heads | d_model | n_positions | vocab | dtype | key prefix | extra keys | metric |
|---|---|---|---|---|---|---|---|---|---|
| tiny-f32 | 2 | 3 | 24 | 32 | 41 | F32 | `transformer.` | `transformer.h.0.attn.bias` buffer (ignore it) | logit_diff |
| tiny-f16 | 3 | 2 | 16 | 32 | 41 | F16 | none | - | prob_diff (lists) |
| tiny-bf16 | 2 | 4 | 16 | 32 | 41 | BF16 | none | - | logit_diff |
| tiny-attn-only | 3 | 4 | 24 | 32 | 41 | F32 | none | no `ln_2`/`mlp` tensors; `"attn_only": true` | logit_diff |
| tiny-shortformer | 3 | 4 | 24 | 32 | 42 | F32 | none | as tiny-attn-only, plus `"positional_embedding_type": "shortformer"`, `"prepend_bos": true`, `"bos_token_id": 41` | logit_diff |

Weights: matrices N(0,0.3), LayerNorm weights 1+N(0,0.1), biases N(0,0.1), wte/wpe N(0,1)
(tiny-f16: wte/wpe N(0,0.5) so that prob_diff is not saturated);
unembedding tied to `wte` (no bias); gelu_new; LayerNorm eps 1e-5.
The reference numbers are computed in float64 from the weights exactly as stored
(F16/BF16 rounded first, then upcast).

Tokenizer: WordLevel, `text.split()` on whitespace, each word looked up in the vocab
(case-sensitive; `<unk>` = 0). Answers/distractors are single vocab words.
`tiny-shortformer` has a 42nd token, `<|endoftext|>` (id 41), its BOS token: every clean and corrupted
prompt starts with it (`tokens` in its reference.json include it), as TransformerLens prepends BOS.
Shortformer (TransformerLens's `positional_embedding_type`, as in attn-only-4l): the residual stream
and the `input` node are the token embedding alone; in every layer q = (ln_1(x) + W_pos[t]) @ W_Q + b_Q,
k likewise, v = ln_1(x) @ W_V + b_V (W_pos is `wpe.weight`).
Batches are right-padded with token id 0 (`<unk>`); positions are 0..P-1, no attention mask
(attention is causal, metrics read the last real token t_i = len_i - 1).

Metrics per prompt (at t_i): `logit_diff` = mean(answer logits) - mean(distractor logits);
`prob_diff` = sum softmax(answers) - sum softmax(distractors) (softmax over whole vocab).
Task metric L = mean over prompts.

`reference.json`: `model`, `metric`, `n_edges`, `n_layer`, `n_head`, `d_model`, `vocab_size`,
`pad_id`, `upstream_nodes`, `downstream_nodes`, `tokens.clean/corrupted` (unpadded ids),
`logits_clean_last` (logits at the last real token of each clean prompt),
`logits_clean_prompt0` (all positions of clean prompt 0), `metric_clean_per_prompt`,
`metric_corrupted_per_prompt`, `metric_clean`, `metric_corrupted`, `scores`
(every edge, float64), `node_scores` (EAP-IG's node level: Δu · ∂L/∂u at u's own output, for every
upstream node), `methods` (the same Δu dotted with the mean gradient over each method's runs, edges
`scores` and nodes `node_scores`: `eap-ig-inputs-N` for N = 1, 2, 5, the clean tokens run with the input
node's output x_corr + (k/N)(x_clean − x_corr), k = 1..N; `clean-corrupted`, the clean and the corrupted
run, both scored with the clean prompts' labels), and `patching`: exact activation patching of single edges, where v's input
copy becomes v_clean + λ·(u_corrupted − u_clean) and the effect is L(patched) − L(clean):
`lambda_one` for every edge at λ = 1, and `curves` at `lambdas` (0, 0.05, …, 1) for 8 sampled edges;
`circuits`: the mean metric when only the `kept` edges carry this run's activations and every other
edge carries the corrupted run's (random circuits of 0, 10, 50, 90 and 100% of the edges);
`acdc`: ACDC's result (kept edges, forward passes, final score, smallest distance of any decision
from the threshold) with the negated task metric and with KL(clean ‖ patched) at the last token.

EAP graph (as hannamw/EAP-IG): upstream nodes `input`, `a{l}.h{h}` (head output
z_h @ W_O[h], without the shared c_proj bias), `m{l}` (MLP output incl. its bias); downstream
inputs `a{l}.h{h}<q|k|v>`, `m{l}`, `logits`; `tiny-attn-only` has no MLPs and so no `m{l}`
(13 upstream nodes, 37 downstream inputs, 193 edges). Edge `u->v` exists iff u is written before v
reads. score(u->v) = sum_{i,t} (u_corrupted - u_clean)[i,t,:] . dL/dv[i,t,:], with L the mean
metric of the clean run and the gradient taken w.r.t. v's own copy of the residual stream.
The script checks that the explicit-graph forward reproduces the plain GPT-2 forward to 1e-10,
that padding changes nothing, and a sample of scores against central finite differences.

## `tl-attn-only-shortformer`, `tl-gelu`

Made by `tools/oracle/make_converter_fixtures.py`, not by this script: random models in TransformerLens's
layout (`embed.W_E`, `blocks.{l}.attn.W_Q` [H, d, e], `W_O` [H, e, d], `unembed.W_U` …; attention-only with
shortformer positions and a BOS token, and one with gelu_new MLPs and standard positions), converted with
`tools/convert/transformer_lens_to_hf.py`'s renaming. `reference.json`: `prompts`, `tokens.prompts` (BOS
included where the model prepends one) and `last_logits`, TransformerLens's forward pass (per-head einsums)
in float64 over the float32-rounded TransformerLens tensors.

## `gpt2_tokenizer_cases.json`

`{"cases": [{"text": ..., "ids": [...]}, ...]}`: GPT-2 byte-level BPE ids from an independent
Python implementation of OpenAI's `encoder.py` using `/work/shared/gpt2-tokenizer/vocab.json`
and `merges.txt`.
"""


def main():
    # --only NAME ...: rebuild just those fixtures (the others' files stay as they are)
    only = sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else None
    names = [cfg["name"] for cfg in MODELS]
    for n in only or []:
        assert n in names, "no fixture %r (have %s)" % (n, ", ".join(names))
    os.makedirs(FIXTURES, exist_ok=True)
    for cfg in MODELS:
        if only is None or cfg["name"] in only:
            build(cfg)
    with open(os.path.join(FIXTURES, "README.md"), "w") as f:
        f.write(README)


if __name__ == "__main__":
    main()
