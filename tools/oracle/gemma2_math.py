"""Gemma-2 (Gemma2ForCausalLM) in float64, written from transformers' modular_gemma2.py / modeling_gemma2.py
(read at huggingface/transformers 9a80143ca26066ee3266749a57c7b3850d8843be and the current modular's layer_types):

  Gemma2RMSNorm:      x * rsqrt(mean(x^2) + eps) * (1 + w)          (weights start at 0; computed in float32 there)
  Gemma2Model:        h = embed_tokens(ids) * hidden_size**0.5       (the normalizer, in the embedding's dtype)
  Gemma2DecoderLayer: r = h; h = input_layernorm(h); h = self_attn(h); h = post_attention_layernorm(h); h = r + h
                      r = h; h = pre_feedforward_layernorm(h); h = mlp(h); h = post_feedforward_layernorm(h); h = r + h
  Gemma2Attention:    q/k/v_proj (head_dim wide, num_key_value_heads for k/v, repeat_kv), rotary (rotate_half),
                      scores = q k^T * query_pre_attn_scalar**-0.5; scores = tanh(scores / c) * c
                      (attn_logit_softcapping) BEFORE the mask; masked: causal, and on sliding layers
                      kv > q - sliding_window (masking_utils.sliding_window_overlay); softmax; o_proj
  layer_types:        default "sliding_attention" if (i + 1) % 2 else "full_attention" (layers 0, 2, ... slide)
  Gemma2MLP:          down(gelu_pytorch_tanh(gate(x)) * up(x))
  Gemma2ForCausalLM:  logits = norm(h) @ embed^T (tied); logits = tanh(logits / c) * c (final_logit_softcapping)

Gemma-3's text model (Gemma3ForCausalLM), from modular_gemma3.py (the Gemma3TextConfig with rope_parameters per layer type):
  Gemma-2's block, plus Gemma3RMSNorm (1 + w) q_norm / k_norm over each head's head_dim features after the projection's
  view into heads and before rotary; layer_types default "sliding_attention" if (i + 1) % sliding_window_pattern else
  "full_attention"; rotary per layer type: rope_parameters["full_attention"] (rope_theta, here with linear scaling:
  inv_freq / factor) and rope_parameters["sliding_attention"] (rope_local_base_freq, unscaled); soft-capping only
  where the config gives it (null here).

The EAP graph under the post-attention norm (README, "The graph under post-norms"): a head's node output is its own
z_h @ W_O[h]^T before the norm (TransformerLens's hook_result, what EAP-IG and MIB read); a receiver reads each earlier
layer's attention as post_norm(S), S the sum of that layer's head outputs as the receiver receives them (EAP-IG's
evaluate_graph builds it so); m{l} is the MLP's output after its post-norm, a term of the residual stream.
"""
import math

import torch


def gemma2_names():
    p = "model.layers.%d."
    return dict(embed="model.embed_tokens.weight", final="model.norm.weight",
                ln1=p + "input_layernorm.weight", post_attn=p + "post_attention_layernorm.weight",
                ln2=p + "pre_feedforward_layernorm.weight", post_mlp=p + "post_feedforward_layernorm.weight",
                q=p + "self_attn.q_proj.weight", k=p + "self_attn.k_proj.weight", v=p + "self_attn.v_proj.weight",
                o=p + "self_attn.o_proj.weight", gate=p + "mlp.gate_proj.weight", up=p + "mlp.up_proj.weight",
                down=p + "mlp.down_proj.weight", q_norm=p + "self_attn.q_norm.weight", k_norm=p + "self_attn.k_norm.weight")


def make_gemma2_weights(cfg, n, V):
    """Random weights under Gemma-2's names; norms' w around 0 (the gain is 1 + w)."""
    L, d, I, H, KV, e = cfg["L"], cfg["d"], cfg["I"], cfg["H"], cfg["KV"], cfg["head_dim"]
    nm = gemma2_names()
    W = {nm["embed"]: n(V, d, std=cfg.get("emb_std", 1.0))}
    for l in range(L):
        for key in ("ln1", "post_attn", "ln2", "post_mlp"):
            W[nm[key] % l] = n(d, std=0.1)
        W[nm["q"] % l] = n(H * e, d, std=0.3)
        W[nm["k"] % l] = n(KV * e, d, std=0.3)
        W[nm["v"] % l] = n(KV * e, d, std=0.3)
        W[nm["o"] % l] = n(d, H * e, std=0.3)
        W[nm["gate"] % l] = n(I, d, std=0.3)
        W[nm["up"] % l] = n(I, d, std=0.3)
        W[nm["down"] % l] = n(d, I, std=0.3)
        if cfg["arch"] == "gemma3":
            W[nm["q_norm"] % l] = n(e, std=0.1)
            W[nm["k_norm"] % l] = n(e, std=0.1)
    W[nm["final"]] = n(d, std=0.1)
    return W


def gemma2_config(cfg, V, dtype_name):
    """config.json with the keys of google/gemma-2-2b's (sizes scaled down); Gemma-3: google/gemma-3-1b-pt's keys, with
    the rotary settings as transformers v5 writes them (rope_parameters per layer type)."""
    if cfg["arch"] == "gemma3":
        c = {
            "architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text", "attention_bias": False,
            "attention_dropout": 0.0, "attn_logit_softcapping": None, "bos_token_id": 2, "cache_implementation": "hybrid",
            "eos_token_id": 1, "final_logit_softcapping": None, "head_dim": cfg["head_dim"],
            "hidden_activation": "gelu_pytorch_tanh", "hidden_size": cfg["d"], "initializer_range": 0.02,
            "intermediate_size": cfg["I"], "max_position_embeddings": cfg["max_pos"], "num_attention_heads": cfg["H"],
            "num_hidden_layers": cfg["L"], "num_key_value_heads": cfg["KV"], "pad_token_id": 0,
            "query_pre_attn_scalar": cfg["query_pre_attn_scalar"], "rms_norm_eps": cfg["eps"],
            "rope_parameters": {
                "full_attention": {"rope_type": "linear", "factor": cfg["rope_factor"], "rope_theta": cfg["rope_theta"]},
                "sliding_attention": {"rope_type": "default", "rope_theta": cfg["rope_local_theta"]}},
            "sliding_window": cfg["window"], "sliding_window_pattern": cfg["pattern"], "dtype": dtype_name,
            "transformers_version": "5.0.0", "use_bidirectional_attention": False, "use_cache": True, "vocab_size": V,
        }
        return dict(sorted(c.items()))
    c = {
        "architectures": ["Gemma2ForCausalLM"], "model_type": "gemma2", "attention_bias": False,
        "attention_dropout": 0.0, "attn_logit_softcapping": cfg["attn_softcap"], "bos_token_id": 2,
        "cache_implementation": "hybrid", "eos_token_id": 1, "final_logit_softcapping": cfg["final_softcap"],
        "head_dim": cfg["head_dim"], "hidden_act": "gelu_pytorch_tanh", "hidden_activation": "gelu_pytorch_tanh",
        "hidden_size": cfg["d"], "initializer_range": 0.02, "intermediate_size": cfg["I"],
        "max_position_embeddings": cfg["max_pos"], "num_attention_heads": cfg["H"], "num_hidden_layers": cfg["L"],
        "num_key_value_heads": cfg["KV"], "pad_token_id": 0, "query_pre_attn_scalar": cfg["query_pre_attn_scalar"],
        "rms_norm_eps": cfg["eps"], "rope_theta": cfg["rope_theta"], "sliding_window": cfg["window"],
        "torch_dtype": dtype_name, "transformers_version": "4.42.4", "use_cache": True, "vocab_size": V,
    }
    return dict(sorted(c.items()))


def sliding(cfg, l):
    if cfg.get("no_window"):
        return False
    return (l + 1) % cfg.get("pattern", 2) != 0


def cos_sin(cfg, l, P):
    """Layer l's rotary cos, sin [P, head_dim]: Gemma-2's one rope_theta; Gemma-3's per layer type (the global layers'
    rope_theta with linear scaling, the sliding layers' rope_local_base_freq)."""
    e = cfg["head_dim"]
    factor = 1.0
    theta = cfg["rope_theta"]
    if cfg["arch"] == "gemma3":
        if sliding(cfg, l) and not cfg.get("one_rope"):
            theta = cfg["rope_local_theta"]
        elif not sliding(cfg, l):
            factor = cfg["rope_factor"]
    inv = 1.0 / (float(theta) ** (torch.arange(0, e, 2, dtype=torch.float64) / e))
    inv = inv / factor if factor != 1.0 else inv
    if cfg.get("inv_freq_float32"):  # for the script's report of how much transformers' float32 frequencies move things
        inv = inv.to(torch.float32).to(torch.float64)
    freqs = torch.arange(P, dtype=torch.float64)[:, None] * inv[None, :]
    emb = torch.cat((freqs, freqs), -1)
    return emb.cos(), emb.sin()


def qk_norm(W, cfg, y, l, which):
    """Gemma-3's per-head q_norm / k_norm (1 + w) over head_dim; Gemma-2 has none."""
    if cfg["arch"] != "gemma3" or which == "v" or cfg.get("no_qk_norm"):
        return y
    return norm(y, W[gemma2_names()[which + "_norm"] % l], cfg["eps"], not cfg.get("plain_gain"))


def norm(x, w, eps, unit=True):
    return x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps) * ((1.0 + w) if unit else w)


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def softcap(x, c):
    return x if c is None else torch.tanh(x / c) * c


def mask(cfg, l, P):
    m = torch.ones(P, P, dtype=torch.bool).tril()
    if sliding(cfg, l):
        q = torch.arange(P)[:, None]
        k = torch.arange(P)[None, :]
        m = m & (k > q - cfg["window"])
    return m


def attend(cfg, l, q, k, v):
    """q, k, v [..., P, e] (rotated) -> z [..., P, e]."""
    s = (q @ k.transpose(-1, -2)) * cfg["query_pre_attn_scalar"] ** -0.5
    s = softcap(s, None if cfg.get("no_attn_softcap") else cfg["attn_softcap"])
    s = s.masked_fill(~mask(cfg, l, q.shape[-2]), float("-inf"))
    return torch.softmax(s, -1) @ v


def mlp(W, cfg, x, l):
    nm = gemma2_names()
    a = norm(x, W[nm["ln2"] % l], cfg["eps"], not cfg.get("plain_gain"))
    out = (gelu_tanh(a @ W[nm["gate"] % l].T) * (a @ W[nm["up"] % l].T)) @ W[nm["down"] % l].T
    return norm(out, W[nm["post_mlp"] % l], cfg["eps"], not cfg.get("plain_gain"))


def post_attn(W, cfg, s, l):
    """The attention's post-norm of the heads' sum s."""
    if cfg.get("no_post_norm"):
        return s
    return norm(s, W[gemma2_names()["post_attn"] % l], cfg["eps"], not cfg.get("plain_gain"))


def embed(W, cfg, tok):
    x = W[gemma2_names()["embed"]][tok]
    return x if cfg.get("no_embed_scale") else x * math.sqrt(cfg["d"])


def unembed(W, cfg, x):
    nm = gemma2_names()
    logits = norm(x, W[nm["final"]], cfg["eps"], not cfg.get("plain_gain")) @ W[nm["embed"]].T
    return softcap(logits, None if cfg.get("no_final_softcap") else cfg["final_softcap"])


def plain_forward(W, cfg, tok, apply_rope):
    """As Gemma2ForCausalLM computes, batched: tok [B, P] -> logits [B, P, V]."""
    L, H, KV, e = cfg["L"], cfg["H"], cfg["KV"], cfg["head_dim"]
    rep = H // KV
    B, P = tok.shape
    nm = gemma2_names()
    x = embed(W, cfg, tok)
    for l in range(L):
        a = norm(x, W[nm["ln1"] % l], cfg["eps"], not cfg.get("plain_gain"))
        q = (a @ W[nm["q"] % l].T).view(B, P, H, e).transpose(1, 2)
        k = (a @ W[nm["k"] % l].T).view(B, P, KV, e).transpose(1, 2)
        v = (a @ W[nm["v"] % l].T).view(B, P, KV, e).transpose(1, 2)
        q, k = qk_norm(W, cfg, q, l, "q"), qk_norm(W, cfg, k, l, "k")
        cos, sin = cos_sin(cfg, l, P)
        if cfg.get("kv_tiled"):  # the wrong mapping (query head h on KV head h % KV), for the check that it matters
            k, v = k.repeat(1, rep, 1, 1), v.repeat(1, rep, 1, 1)
        else:  # repeat_kv
            k = k[:, :, None].expand(B, KV, rep, P, e).reshape(B, H, P, e)
            v = v[:, :, None].expand(B, KV, rep, P, e).reshape(B, H, P, e)
        q, k = apply_rope(q, cos, sin, e), apply_rope(k, cos, sin, e)
        z = attend(cfg, l, q, k, v).transpose(1, 2).reshape(B, P, H * e)
        x = x + post_attn(W, cfg, z @ W[nm["o"] % l].T, l)
        x = x + mlp(W, cfg, x, l)
    return unembed(W, cfg, x)


def explicit_forward(W, cfg, tok, apply_rope, perturb=None, retain=False, kept=None, corr_ups=None,
                     input_override=None):
    """Every receiver on its own copy of the residual stream: copy = input + MLP outputs (each edge's, kept or
    corrupted) + for each earlier layer post_norm(sum of its head outputs, each edge's kept or corrupted) + perturb.
    Returns logits, upstream outputs, receiver inputs."""
    L, H, KV, e, d = cfg["L"], cfg["H"], cfg["KV"], cfg["head_dim"], cfg["d"]
    rep = H // KV
    B, P = tok.shape
    perturb = perturb or {}
    nm = gemma2_names()
    ups, downs, order = {}, {}, []

    make_input = receiver_inputs(W, cfg, post_attn, ups, downs, order, (B, P, d), perturb, retain, kept, corr_ups)

    ups["input"] = embed(W, cfg, tok)
    if input_override is not None:
        ups["input"] = input_override.clone()
    if retain:
        ups["input"].requires_grad_()
    order.append("input")
    for l in range(L):
        proj = {}
        cos, sin = cos_sin(cfg, l, P)
        for which in "qkv":
            for h in range(H):
                x = make_input("a%d.h%d<%s>" % (l, h, which), l)
                a = norm(x, W[nm["ln1"] % l], cfg["eps"], not cfg.get("plain_gain"))
                g = h if which == "q" else h // rep
                y = qk_norm(W, cfg, a @ W[nm[which] % l][g * e:(g + 1) * e].T, l, which)
                proj[(which, h)] = y if which == "v" else apply_rope(y, cos, sin, e)
        Wo = W[nm["o"] % l]
        for h in range(H):
            z = attend(cfg, l, proj[("q", h)], proj[("k", h)], proj[("v", h)])
            head = z @ Wo[:, h * e:(h + 1) * e].T
            if retain:
                head.retain_grad()
            ups["a%d.h%d" % (l, h)] = head
            order.append("a%d.h%d" % (l, h))
        ups["m%d" % l] = mlp(W, cfg, make_input("m%d" % l, l + 1), l)
        if retain:
            ups["m%d" % l].retain_grad()
        order.append("m%d" % l)
    x = make_input("logits", L)
    return unembed(W, cfg, x), ups, downs


def receiver_inputs(W, cfg, post_norm, ups, downs, order, shape, perturb, retain, kept, corr_ups):
    """make_input(name, layer_heads) for the explicit forwards of the post-norm families (Gemma-2/3, OLMo-2): receiver
    `name`'s own copy of the residual stream, reading the first `layer_heads` layers' attention through the family's
    `post_norm(W, cfg, S, l)` of the heads' sum S as the receiver receives them, every other upstream node (the input,
    the MLPs) as a term; each edge carries this run's output if kept, else the corrupted run's."""
    H = cfg["H"]

    def make_input(name, layer_heads):
        def pick(u):
            return ups[u] if kept is None or ("%s->%s" % (u, name)) in kept else corr_ups[u]
        x = torch.zeros(*shape)
        for u in order:
            if not u.startswith("a"):
                x = x + pick(u)
        for l in range(layer_heads):
            x = x + post_norm(W, cfg, sum(pick("a%d.h%d" % (l, h)) for h in range(H)), l)
        if name in perturb:
            x = x + perturb[name]
        if retain:
            x.retain_grad()
        downs[name] = x
        return x
    return make_input


def head_sum(ups, l, H):
    return sum(ups["a%d.h%d" % (l, h)] for h in range(H))


def patch_change(W, cfg, clean_ups, u, delta_u):
    """What patching upstream node u by delta_u (already scaled by lambda) adds to a receiver's input: delta_u for
    the input and the MLPs; for a head of layer l, post_norm(S + delta_u) - post_norm(S), S the clean heads' sum."""
    if not u.startswith("a"):
        return delta_u
    l = int(u[1:].split(".")[0])
    s = head_sum(clean_ups, l, cfg["H"]).detach()
    return post_attn(W, cfg, s + delta_u, l) - post_attn(W, cfg, s, l)


def eap_delta(W, cfg, clean_ups, u, delta_u):
    """d/dlambda at 0 of patch_change(lambda * delta_u): the post-norm's Jacobian at the clean sum times delta_u,
    by autograd on the norm alone (independent of the Java closed form)."""
    if not u.startswith("a"):
        return delta_u
    lam = torch.zeros((), requires_grad=True)
    l = int(u[1:].split(".")[0])
    s = head_sum(clean_ups, l, cfg["H"]).detach()
    out = post_attn(W, cfg, s + lam * delta_u, l)
    # the Jacobian-vector product by the double-backward identity: g(r) = <r, d out/d lam> is linear in r, so
    # dg/dr = d out/d lam exactly
    r = torch.zeros_like(out, requires_grad=True)
    (g,) = torch.autograd.grad(out, lam, grad_outputs=r, create_graph=True)
    (jvp,) = torch.autograd.grad(g, r, grad_outputs=torch.ones_like(g))
    return jvp.detach()
