#!/usr/bin/env python3
"""Converts a TransformerLens model into a Hugging Face GPT-2 directory that EAP Explorer loads.

Usage (needs `pip install transformer_lens safetensors`; this script is not part of the program):

    python3 tools/convert/transformer_lens_to_hf.py attn-only-4l ~/models/attn-only-4l
    java -jar target/eap-explorer.jar score --model ~/models/attn-only-4l --prompts sample-prompts/docstring.jsonl --out docstring.json

Writes DIR/config.json, DIR/model.safetensors and DIR/tokenizer.json:

- the weights are loaded without TransformerLens's processing (no LayerNorm folding, no centring), so they
  are the checkpoint's own, and renamed to GPT-2's: embed.W_E -> wte.weight, pos_embed.W_pos -> wpe.weight,
  blocks.{l}.ln1.w/b -> h.{l}.ln_1.weight/bias, W_Q/W_K/W_V [H, d, e] -> h.{l}.attn.c_attn.weight [d, 3*H*e]
  (each as [d, H*e], q then k then v) with b_Q/b_K/b_V -> c_attn.bias, W_O [H, e, d] -> c_proj.weight [H*e, d],
  b_O -> c_proj.bias, (models with MLPs) ln2 -> ln_2, mlp.W_in/b_in -> mlp.c_fc, mlp.W_out/b_out -> mlp.c_proj,
  ln_final.w/b -> ln_f.weight/bias, unembed.W_U [d, V] transposed -> lm_head.weight;
- config.json has GPT-2's keys plus TransformerLens's "attn_only", "positional_embedding_type"
  ("shortformer" for attn-only-4l: W_pos is added to every layer's q and k inputs, not to the residual
  stream) and "prepend_bos" with the tokenizer's "bos_token_id";
- tokenizer.json is the model's Hugging Face tokenizer.

What GPT-2's layout cannot express is refused with the reason: an unembedding bias b_U that is not all zero,
LayerNorm other than "LN", attention without the 1/sqrt(d_head) scale, rotary or other positional embeddings,
grouped-query attention, parallel attention/MLP blocks, gated MLPs.

The renaming itself (gpt2_tensors, gpt2_config) needs only torch: tools/oracle/make_converter_fixtures.py uses it to
turn random models in TransformerLens's layout into the test fixtures tl-*, which the Java tests load and hold
against TransformerLens's forward pass written out in float64.
"""
import argparse
import json
import os
import sys


def fail(message):
    sys.exit("transformer_lens_to_hf: " + message)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="TransformerLens model name, e.g. attn-only-4l")
    parser.add_argument("out", help="directory to write (created if missing)")
    parser.add_argument("--no-prepend-bos", action="store_true",
                        help="do not set prepend_bos (TransformerLens prepends BOS by default, and ACDC's docstring task does)")
    args = parser.parse_args()

    try:
        import torch
        from safetensors.torch import save_file
        from transformer_lens import HookedTransformer
    except ImportError as e:
        fail("needs torch, transformer_lens and safetensors installed (%s)" % e)

    model = HookedTransformer.from_pretrained_no_processing(args.model, device="cpu")
    cfg = model.cfg
    H, d, e, L = cfg.n_heads, cfg.d_model, cfg.d_head, cfg.n_layers
    pos_type = getattr(cfg, "positional_embedding_type", "standard")
    if pos_type not in ("standard", "shortformer"):
        fail("positional_embedding_type %r has no GPT-2 equivalent (only standard and shortformer)" % pos_type)
    if cfg.normalization_type != "LN":
        fail("normalization_type %r: only LayerNorm with weights (\"LN\") is supported" % cfg.normalization_type)
    if H * e != d:
        fail("n_heads * d_head = %d is not d_model = %d" % (H * e, d))
    if not getattr(cfg, "use_attn_scale", True) or abs(cfg.attn_scale - e ** 0.5) > 1e-6 * e ** 0.5:
        fail("attention scale %r is not sqrt(d_head) = %r" % (getattr(cfg, "attn_scale", None), e ** 0.5))
    for flag in ("parallel_attn_mlp", "gated_mlp"):
        if getattr(cfg, flag, False):
            fail("%s models have no GPT-2 layout" % flag)
    if getattr(cfg, "n_key_value_heads", None) not in (None, H):
        fail("grouped-query attention (n_key_value_heads=%s) has no GPT-2 layout" % cfg.n_key_value_heads)
    activation = None
    if not cfg.attn_only:
        activation = {"gelu_new": "gelu_new", "gelu_fast": "gelu_new", "gelu_pytorch_tanh": "gelu_new",
                      "gelu": "gelu", "relu": "relu"}.get(cfg.act_fn)
        if activation is None:
            fail("activation %r is not supported (gelu_new, gelu or relu)" % cfg.act_fn)

    sd = {k: v.detach().to(torch.float32).cpu() for k, v in model.state_dict().items()}
    b_U = sd.get("unembed.b_U")
    if b_U is not None and bool((b_U != 0).any()):
        fail("unembed.b_U is not all zero (max |b_U| = %g): GPT-2's layout has no unembedding bias"
             % b_U.abs().max().item())
    t = gpt2_tensors(sd, L, H, d, e, cfg.attn_only)

    tokenizer = model.tokenizer
    bos_id = tokenizer.bos_token_id if tokenizer is not None else None
    prepend_bos = not args.no_prepend_bos and getattr(cfg, "default_prepend_bos", True)
    if prepend_bos and bos_id is None:
        fail("the model prepends BOS but its tokenizer has no bos_token_id (use --no-prepend-bos)")
    config = gpt2_config(L, H, d, cfg.n_ctx, cfg.d_vocab, cfg.eps, pos_type, cfg.attn_only,
                         None if cfg.attn_only else cfg.d_mlp, activation, bos_id, prepend_bos,
                         "TransformerLens " + args.model)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    save_file(t, os.path.join(args.out, "model.safetensors"), metadata={"format": "pt"})
    if tokenizer is None:
        print("warning: the model has no tokenizer; add a tokenizer.json yourself", file=sys.stderr)
    else:
        tokenizer.backend_tokenizer.save(os.path.join(args.out, "tokenizer.json"))

    # The converted weights must give TransformerLens's own logits, read the GPT-2 way by hand (independent of
    # the renaming above only in where each tensor is read from; a wrong permutation shows up here).
    with torch.no_grad():
        ids = model.to_tokens("def f(self, x):\n    return x", prepend_bos=config.get("prepend_bos", False))
        expected = model(ids).float()
        got = gpt2_forward(t, config, ids, H, e)
        err = (expected - got).abs().max().item()
    if err > 1e-3 * max(1.0, expected.abs().max().item()):
        fail("the converted weights do not reproduce TransformerLens's logits (max |difference| %g)" % err)
    print("wrote %s: %d layers x %d heads, d_model %d, vocab %d, %s positional embedding%s; logits match "
          "TransformerLens's to %.1e" % (args.out, L, H, d, cfg.d_vocab, pos_type,
                                        ", BOS %d prepended" % config["bos_token_id"] if config.get("prepend_bos") else "",
                                        err), file=sys.stderr)


def gpt2_tensors(sd, L, H, d, e, attn_only):
    """TransformerLens state-dict tensors (float32) renamed and reshaped into GPT-2's Hugging Face layout."""
    import torch

    def heads_in(w):   # [H, d, e] -> [d, H*e], column h*e + i as GPT-2 splits heads
        return w.permute(1, 0, 2).reshape(d, H * e)

    t = {"wte.weight": sd["embed.W_E"], "wpe.weight": sd["pos_embed.W_pos"]}
    for l in range(L):
        b, p = "blocks.%d." % l, "h.%d." % l
        t[p + "ln_1.weight"], t[p + "ln_1.bias"] = sd[b + "ln1.w"], sd[b + "ln1.b"]
        t[p + "attn.c_attn.weight"] = torch.cat([heads_in(sd[b + "attn.W_" + x]) for x in "QKV"], dim=1)
        t[p + "attn.c_attn.bias"] = torch.cat([sd[b + "attn.b_" + x].reshape(H * e) for x in "QKV"])
        t[p + "attn.c_proj.weight"] = sd[b + "attn.W_O"].reshape(H * e, d)
        t[p + "attn.c_proj.bias"] = sd[b + "attn.b_O"]
        if not attn_only:
            t[p + "ln_2.weight"], t[p + "ln_2.bias"] = sd[b + "ln2.w"], sd[b + "ln2.b"]
            t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"] = sd[b + "mlp.W_in"], sd[b + "mlp.b_in"]
            t[p + "mlp.c_proj.weight"], t[p + "mlp.c_proj.bias"] = sd[b + "mlp.W_out"], sd[b + "mlp.b_out"]
    t["ln_f.weight"], t["ln_f.bias"] = sd["ln_final.w"], sd["ln_final.b"]
    t["lm_head.weight"] = sd["unembed.W_U"].T
    return {k: v.contiguous() for k, v in t.items()}


def gpt2_config(L, H, d, n_ctx, d_vocab, eps, pos_type, attn_only, d_mlp, activation, bos_id, prepend_bos, source):
    """config.json: GPT-2's keys plus TransformerLens's attn_only, positional_embedding_type and prepend_bos."""
    config = {
        "model_type": "gpt2", "architectures": ["GPT2LMHeadModel"],
        "n_layer": L, "n_head": H, "n_embd": d, "n_positions": n_ctx, "n_ctx": n_ctx,
        "vocab_size": d_vocab, "layer_norm_epsilon": eps, "tie_word_embeddings": False,
        "positional_embedding_type": pos_type,
        "converted_from": source,
    }
    if attn_only:
        config["attn_only"] = True
    else:
        config["n_inner"] = d_mlp
        config["activation_function"] = activation
    if bos_id is not None:
        config["bos_token_id"] = bos_id
    if prepend_bos:
        config["prepend_bos"] = True
    return config


def gpt2_forward(t, config, ids, H, e):
    """The forward pass EAP Explorer computes, over the written tensors: [1, P] ids -> [1, P, V] logits."""
    import torch
    import torch.nn.functional as F
    P = ids.shape[1]
    d = H * e
    eps = config["layer_norm_epsilon"]
    shortformer = config["positional_embedding_type"] == "shortformer"
    pos = t["wpe.weight"][:P]
    x = t["wte.weight"][ids] + (0 if shortformer else pos)
    mask = torch.ones(P, P, dtype=torch.bool).tril()
    for l in range(config["n_layer"]):
        p = "h.%d." % l
        a = F.layer_norm(x, (d,), t[p + "ln_1.weight"], t[p + "ln_1.bias"], eps)
        W, b = t[p + "attn.c_attn.weight"], t[p + "attn.c_attn.bias"]
        qk_in = a + pos if shortformer else a
        q = (qk_in @ W[:, :d] + b[:d]).view(1, P, H, e).transpose(1, 2)
        k = (qk_in @ W[:, d:2 * d] + b[d:2 * d]).view(1, P, H, e).transpose(1, 2)
        v = (a @ W[:, 2 * d:] + b[2 * d:]).view(1, P, H, e).transpose(1, 2)
        s = (q @ k.transpose(-1, -2) / e ** 0.5).masked_fill(~mask, float("-inf"))
        z = (s.softmax(-1) @ v).transpose(1, 2).reshape(1, P, d)
        x = x + z @ t[p + "attn.c_proj.weight"] + t[p + "attn.c_proj.bias"]
        if not config.get("attn_only"):
            m = F.layer_norm(x, (d,), t[p + "ln_2.weight"], t[p + "ln_2.bias"], eps)
            h = m @ t[p + "mlp.c_fc.weight"] + t[p + "mlp.c_fc.bias"]
            act = config["activation_function"]
            h = F.gelu(h, approximate="tanh") if act == "gelu_new" else F.gelu(h) if act == "gelu" else F.relu(h)
            x = x + h @ t[p + "mlp.c_proj.weight"] + t[p + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (d,), t["ln_f.weight"], t["ln_f.bias"], eps)
    return x @ t["lm_head.weight"].T


if __name__ == "__main__":
    main()
