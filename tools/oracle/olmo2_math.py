"""OLMo-2 (Olmo2ForCausalLM) in float64, written from transformers' modeling_olmo2.py and configuration_olmo2.py
(read at huggingface/transformers 000c33fdfde12e1ffafbfcdb3c926df5727a00b6 and 008e574391258935f3ecc3035c882e73bbcac419):

  Olmo2RMSNorm:       x * rsqrt(mean(x^2) + eps) * w                 (plain w, not 1 + w; computed in float32 there)
  Olmo2DecoderLayer:  NO input norms. r = h; h = self_attn(h); h = post_attention_layernorm(h); h = r + h
                      r = h; h = mlp(h); h = post_feedforward_layernorm(h); h = r + h
  Olmo2Attention:     q = q_norm(q_proj(h)), k = k_norm(k_proj(h)): RMSNorms over the WHOLE projection, q_norm of
                      width num_attention_heads * head_dim, k_norm of num_key_value_heads * head_dim, before the view
                      to heads and before rotary; v = v_proj(h); head_dim = getattr(config, "head_dim",
                      hidden_size // heads) (Olmo2Config defines none); scaling head_dim**-0.5; repeat_kv;
                      bias=config.attention_bias on q/k/v/o
  Olmo2MLP:           down(silu(gate(x)) * up(x)), no biases
  Olmo2ForCausalLM:   logits = lm_head(model.norm(h)); tie_word_embeddings False by default; rms_norm_eps 1e-5

The EAP graph (README, "The graph under post-norms"): as Gemma-2's sandwich block for the post-norms (a head's node
output is z_h @ W_O[h]^T before post_attention_layernorm; a receiver reads each earlier layer's attention as
post_norm(S), S the sum of that layer's head outputs as the receiver receives them; m{l} is the MLP's output after
post_feedforward_layernorm). With no input norm a q/k/v receiver's projection reads its copy of the residual stream
itself. The whole-width q/k norms: each q/k/v receiver is one head's input to its own slice of the projection; the
layer's norm is then computed over the slices as the heads computed them (q over the H query heads' slices, k over
every query head's k slice, H * head_dim wide, its gain the k_norm weight of that query head's key/value head), so it
couples the heads of one layer as the softmax couples positions. Where the heads of one key/value group read the same
input (every unpatched run, and any patch of the whole group) the mean over the H * head_dim expanded k equals
transformers' mean over the num_key_value_heads * head_dim stored k exactly (each group counted H / KV times).
"""
import torch

import gemma2_math


def olmo2_names(tie):
    p = "model.layers.%d."
    return dict(embed="model.embed_tokens.weight", final="model.norm.weight",
                unembed="model.embed_tokens.weight" if tie else "lm_head.weight",
                post_attn=p + "post_attention_layernorm.weight", post_mlp=p + "post_feedforward_layernorm.weight",
                q_norm=p + "self_attn.q_norm.weight", k_norm=p + "self_attn.k_norm.weight",
                q=p + "self_attn.q_proj.weight", k=p + "self_attn.k_proj.weight", v=p + "self_attn.v_proj.weight",
                o=p + "self_attn.o_proj.weight", gate=p + "mlp.gate_proj.weight", up=p + "mlp.up_proj.weight",
                down=p + "mlp.down_proj.weight")


def head_dim(cfg):
    return cfg["d"] // cfg["H"]


def make_olmo2_weights(cfg, n, V):
    """Random weights under OLMo-2's names; norm gains around 1 (plain w)."""
    L, d, I, H, KV = cfg["L"], cfg["d"], cfg["I"], cfg["H"], cfg["KV"]
    e = head_dim(cfg)
    nm = olmo2_names(cfg["tie"])
    W = {nm["embed"]: n(V, d, std=cfg.get("emb_std", 1.0))}
    for l in range(L):
        W[nm["q"] % l] = n(H * e, d, std=0.3)
        W[nm["k"] % l] = n(KV * e, d, std=0.3)
        W[nm["v"] % l] = n(KV * e, d, std=0.3)
        W[nm["o"] % l] = n(d, H * e, std=0.3)
        W[nm["q_norm"] % l] = n(H * e, std=0.3, mean=1.0)
        W[nm["k_norm"] % l] = n(KV * e, std=0.3, mean=1.0)
        W[nm["post_attn"] % l] = n(d, std=0.1, mean=1.0)
        W[nm["gate"] % l] = n(I, d, std=0.3)
        W[nm["up"] % l] = n(I, d, std=0.3)
        W[nm["down"] % l] = n(d, I, std=0.3)
        W[nm["post_mlp"] % l] = n(d, std=0.1, mean=1.0)
    W[nm["final"]] = n(d, std=0.1, mean=1.0)
    if not cfg["tie"]:
        W[nm["unembed"]] = n(V, d, std=cfg.get("emb_std", 1.0))
    return W


def olmo2_config(cfg, V, dtype_name):
    """config.json with the keys of allenai/OLMo-2-0425-1B's (sizes scaled down); no head_dim (Olmo2Config has none)."""
    c = {
        "architectures": ["Olmo2ForCausalLM"], "model_type": "olmo2", "attention_bias": False, "attention_dropout": 0.0,
        "bos_token_id": None, "eos_token_id": 0, "hidden_act": "silu", "hidden_size": cfg["d"],
        "initializer_range": 0.02, "intermediate_size": cfg["I"], "max_position_embeddings": cfg["max_pos"],
        "num_attention_heads": cfg["H"], "num_hidden_layers": cfg["L"], "num_key_value_heads": cfg["KV"],
        "pad_token_id": 0, "rms_norm_eps": cfg["eps"], "rope_scaling": None, "rope_theta": cfg["rope_theta"],
        "tie_word_embeddings": cfg["tie"], "torch_dtype": dtype_name, "transformers_version": "4.48.0",
        "use_cache": True, "vocab_size": V,
    }
    return dict(sorted(c.items()))


def norm(x, w, eps):
    return x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps) * w


def silu(x):
    return x * torch.sigmoid(x)


def attend(q, k, v):
    """q, k, v [..., P, e] (rotated) -> z [..., P, e], causal."""
    e = q.shape[-1]
    s = (q @ k.transpose(-1, -2)) * e ** -0.5
    m = torch.ones(q.shape[-2], q.shape[-2], dtype=torch.bool).tril()
    return torch.softmax(s.masked_fill(~m, float("-inf")), -1) @ v


def input_norm(cfg, x):
    """OLMo-2 has none; "pre_norm" is the wrong reading (a Llama-like unit-gain RMSNorm before attention and MLP),
    for the check that it matters."""
    return norm(x, 1.0, cfg["eps"]) if cfg.get("pre_norm") else x


def mlp(W, cfg, x, l):
    nm = olmo2_names(cfg["tie"])
    a = input_norm(cfg, x)
    out = (silu(a @ W[nm["gate"] % l].T) * (a @ W[nm["up"] % l].T)) @ W[nm["down"] % l].T
    return out if cfg.get("no_post_mlp_norm") else norm(out, W[nm["post_mlp"] % l], cfg["eps"])


def post_attn(W, cfg, s, l):
    """post_attention_layernorm of the heads' sum s."""
    if cfg.get("no_post_norm"):
        return s
    return norm(s, W[olmo2_names(cfg["tie"])["post_attn"] % l], cfg["eps"])


def qk_norm(W, cfg, l, which, x):
    """q_norm / k_norm over x [..., H * e], each query head's slice next to the others (k: every query head's copy of
    its key/value head's k, the gain of that key/value head). "per_head_qk_norm": the wrong reading (Qwen3's, over
    each head's e features)."""
    if cfg.get("no_qk_norm"):
        return x
    H, KV = cfg["H"], cfg["KV"]
    e = head_dim(cfg)
    w = W[olmo2_names(cfg["tie"])[which + "_norm"] % l]
    if which == "k":
        w = w.view(KV, e)[[h // (H // KV) for h in range(H)]].reshape(H * e)
    if cfg.get("per_head_qk_norm"):
        shape = x.shape
        return norm(x.reshape(*shape[:-1], H, e), w.view(H, e), cfg["eps"]).reshape(shape)
    return norm(x, w, cfg["eps"])


def unembed(W, cfg, x):
    nm = olmo2_names(cfg["tie"])
    return norm(x, W[nm["final"]], cfg["eps"]) @ W[nm["unembed"]].T


def plain_forward(W, cfg, tok, cos, sin, apply_rope):
    """As Olmo2ForCausalLM computes, batched: tok [B, P] -> logits [B, P, V]. The k norm here is transformers' own,
    over the KV * e stored k, before repeat_kv."""
    L, H, KV = cfg["L"], cfg["H"], cfg["KV"]
    e = head_dim(cfg)
    rep = H // KV
    B, P = tok.shape
    nm = olmo2_names(cfg["tie"])
    x = W[nm["embed"]][tok]
    for l in range(L):
        a = input_norm(cfg, x)
        q, k = a @ W[nm["q"] % l].T, a @ W[nm["k"] % l].T
        if not cfg.get("no_qk_norm"):
            if cfg.get("per_head_qk_norm"):
                q = norm(q.view(B, P, H, e), W[nm["q_norm"] % l].view(H, e), cfg["eps"]).reshape(B, P, H * e)
                k = norm(k.view(B, P, KV, e), W[nm["k_norm"] % l].view(KV, e), cfg["eps"]).reshape(B, P, KV * e)
            else:
                q = norm(q, W[nm["q_norm"] % l], cfg["eps"])
                k = norm(k, W[nm["k_norm"] % l], cfg["eps"])
        q = q.view(B, P, H, e).transpose(1, 2)
        k = k.view(B, P, KV, e).transpose(1, 2)
        v = (a @ W[nm["v"] % l].T).view(B, P, KV, e).transpose(1, 2)
        if cfg.get("kv_tiled"):  # the wrong mapping (query head h on KV head h % KV), for the check that it matters
            k, v = k.repeat(1, rep, 1, 1), v.repeat(1, rep, 1, 1)
        else:  # repeat_kv
            k = k[:, :, None].expand(B, KV, rep, P, e).reshape(B, H, P, e)
            v = v[:, :, None].expand(B, KV, rep, P, e).reshape(B, H, P, e)
        q, k = apply_rope(q, cos, sin, e), apply_rope(k, cos, sin, e)
        z = attend(q, k, v).transpose(1, 2).reshape(B, P, H * e)
        x = x + post_attn(W, cfg, z @ W[nm["o"] % l].T, l)
        x = x + mlp(W, cfg, x, l)
    return unembed(W, cfg, x)


def explicit_forward(W, cfg, tok, cos, sin, apply_rope, perturb=None, retain=False, kept=None, corr_ups=None,
                     input_override=None):
    """Every receiver on its own copy of the residual stream: copy = input + MLP outputs (each edge's, kept or
    corrupted) + for each earlier layer post_norm(sum of its head outputs, each edge's kept or corrupted) + perturb.
    Each q/k/v receiver projects its own copy into its own head's slice; the layer's q and k norms are then taken over
    all the slices (module docstring). Returns logits, upstream outputs, receiver inputs."""
    L, H, KV, d = cfg["L"], cfg["H"], cfg["KV"], cfg["d"]
    e = head_dim(cfg)
    rep = H // KV
    B, P = tok.shape
    perturb = perturb or {}
    nm = olmo2_names(cfg["tie"])
    ups, downs, order = {}, {}, []

    make_input = gemma2_math.receiver_inputs(W, cfg, post_attn, ups, downs, order, (B, P, d), perturb, retain, kept,
                                             corr_ups)

    ups["input"] = W[nm["embed"]][tok]
    if input_override is not None:
        ups["input"] = input_override.clone()
    if retain:
        ups["input"].requires_grad_()
    order.append("input")
    for l in range(L):
        slices = {}
        for which in "qkv":
            for h in range(H):
                x = input_norm(cfg, make_input("a%d.h%d<%s>" % (l, h, which), l))
                g = h if which == "q" else h // rep
                slices[(which, h)] = x @ W[nm[which] % l][g * e:(g + 1) * e].T
        heads = {}
        for which in "qk":
            whole = qk_norm(W, cfg, l, which, torch.cat([slices[(which, h)] for h in range(H)], -1))   # [B, P, H * e]
            for h in range(H):
                heads[(which, h)] = apply_rope(whole[..., h * e:(h + 1) * e], cos, sin, e)
        Wo = W[nm["o"] % l]
        for h in range(H):
            z = attend(heads[("q", h)], heads[("k", h)], slices[("v", h)])
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


def patch_change(W, cfg, clean_ups, u, delta_u):
    """What patching upstream node u by delta_u adds to a receiver's input: Gemma-2's rule (gemma2_math.patch_change)
    with OLMo-2's post_attention_layernorm, which has Gemma-2's name and a plain gain."""
    return gemma2_math.patch_change(W, dict(cfg, plain_gain=True), clean_ups, u, delta_u)


def eap_delta(W, cfg, clean_ups, u, delta_u):
    """d/dlambda at 0 of patch_change(lambda * delta_u), by autograd on the norm alone (gemma2_math.eap_delta)."""
    return gemma2_math.eap_delta(W, dict(cfg, plain_gain=True), clean_ups, u, delta_u)
