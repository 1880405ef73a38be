#!/usr/bin/python3
"""Test oracle for the TransformerLens converter: random models in TransformerLens's layout, converted.

Run:  /usr/bin/python3 tools/oracle/make_converter_fixtures.py
Writes src/test/resources/fixtures/tl-*/{config.json, model.safetensors, tokenizer.json, reference.json}.

Each model is made as TransformerLens stores it (embed.W_E, pos_embed.W_pos, blocks.{l}.attn.W_Q [H, d, e], W_O
[H, e, d], mlp.W_in …, unembed.W_U [d, V], b_U zero), rounded to float32, renamed by tools/convert/
transformer_lens_to_hf.py's gpt2_tensors and gpt2_config, and written in the Hugging Face layout. reference.json
holds the last-token logits of TransformerLens's own forward pass over the TransformerLens tensors, written out here
in float64 with its per-head einsums (HookedTransformer's Attention, TransformerBlock and shortformer handling), so
a wrong permutation, head order or transpose in the converter, or a difference between the program's shortformer
and TransformerLens's, shows up when the Java test compares.
"""
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "convert"))
from make_fixtures import FIXTURES, VOCAB, write_safetensors, read_safetensors  # noqa: E402 (sets float64)
from transformer_lens_to_hf import gpt2_config, gpt2_forward, gpt2_tensors  # noqa: E402

EPS = 1e-5
BOS = "<|endoftext|>"

MODELS = [
    # attn-only-4l's kind: no MLPs, shortformer positions, BOS in front
    dict(name="tl-attn-only-shortformer", L=2, H=4, d=16, n_ctx=24, attn_only=True, pos="shortformer", bos=True,
         seed=2468),
    # a TransformerLens model with MLPs (gelu_new) and standard positions, no BOS
    dict(name="tl-gelu", L=2, H=2, d=12, n_ctx=24, attn_only=False, pos="standard", bos=False, seed=1357),
]

PROMPTS = [
    "when mary and john went to the store",
    "the cat saw a dog",
    "then alice gave a book to bob",
    "the big red ball",
    "john met sara after school and",
]


def vocab(cfg):
    v = dict(VOCAB)
    if cfg["bos"]:
        v[BOS] = len(v)
    return v


def tl_state_dict(cfg, V):
    """Random weights with TransformerLens's names and shapes, rounded to float32 (then held in float64)."""
    g = torch.Generator().manual_seed(cfg["seed"])
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    e, m = d // H, 4 * d

    def n(*shape, std=0.3, mean=0.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * std + mean

    sd = {"embed.W_E": n(V, d, std=1.0), "pos_embed.W_pos": n(cfg["n_ctx"], d, std=1.0)}
    for l in range(L):
        b = "blocks.%d." % l
        sd[b + "ln1.w"], sd[b + "ln1.b"] = n(d, std=0.1, mean=1.0), n(d, std=0.1)
        for x in "QKV":
            sd[b + "attn.W_" + x] = n(H, d, e)
            sd[b + "attn.b_" + x] = n(H, e, std=0.1)
        sd[b + "attn.W_O"], sd[b + "attn.b_O"] = n(H, e, d), n(d, std=0.1)
        if not cfg["attn_only"]:
            sd[b + "ln2.w"], sd[b + "ln2.b"] = n(d, std=0.1, mean=1.0), n(d, std=0.1)
            sd[b + "mlp.W_in"], sd[b + "mlp.b_in"] = n(d, m), n(m, std=0.1)
            sd[b + "mlp.W_out"], sd[b + "mlp.b_out"] = n(m, d), n(d, std=0.1)
    sd["ln_final.w"], sd["ln_final.b"] = n(d, std=0.1, mean=1.0), n(d, std=0.1)
    sd["unembed.W_U"], sd["unembed.b_U"] = n(d, V), torch.zeros(V, dtype=torch.float64)
    return {k: v.to(torch.float32).to(torch.float64) for k, v in sd.items()}


def ln(x, w, b):
    x = x - x.mean(-1, keepdim=True)
    return x / (x.pow(2).mean(-1, keepdim=True) + EPS).sqrt() * w + b


def gelu_new(x):
    return 0.5 * x * (1 + torch.tanh((2 / torch.pi) ** 0.5 * (x + 0.044715 * x.pow(3))))


def tl_forward(sd, cfg, ids):
    """TransformerLens's HookedTransformer forward for one prompt: [P] ids -> [P, V] logits, in float64."""
    P = len(ids)
    tok = torch.tensor(ids)
    pos = sd["pos_embed.W_pos"][:P]
    shortformer = cfg["pos"] == "shortformer"
    resid = sd["embed.W_E"][tok] + (0 if shortformer else pos)
    causal = torch.ones(P, P, dtype=torch.bool).tril()
    for l in range(cfg["L"]):
        b = "blocks.%d." % l
        normed = ln(resid, sd[b + "ln1.w"], sd[b + "ln1.b"])
        qk_in = normed + pos if shortformer else normed
        q = torch.einsum("pd,hde->phe", qk_in, sd[b + "attn.W_Q"]) + sd[b + "attn.b_Q"]
        k = torch.einsum("pd,hde->phe", qk_in, sd[b + "attn.W_K"]) + sd[b + "attn.b_K"]
        v = torch.einsum("pd,hde->phe", normed, sd[b + "attn.W_V"]) + sd[b + "attn.b_V"]
        scores = torch.einsum("qhe,khe->hqk", q, k) / q.shape[-1] ** 0.5
        pattern = scores.masked_fill(~causal, float("-inf")).softmax(-1)
        z = torch.einsum("hqk,khe->qhe", pattern, v)
        resid = resid + torch.einsum("qhe,hed->qd", z, sd[b + "attn.W_O"]) + sd[b + "attn.b_O"]
        if not cfg["attn_only"]:
            normed2 = ln(resid, sd[b + "ln2.w"], sd[b + "ln2.b"])
            post = gelu_new(normed2 @ sd[b + "mlp.W_in"] + sd[b + "mlp.b_in"])
            resid = resid + post @ sd[b + "mlp.W_out"] + sd[b + "mlp.b_out"]
    return ln(resid, sd["ln_final.w"], sd["ln_final.b"]) @ sd["unembed.W_U"] + sd["unembed.b_U"]


def build(cfg):
    out = os.path.join(FIXTURES, cfg["name"])
    os.makedirs(out, exist_ok=True)
    v = vocab(cfg)
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    sd = tl_state_dict(cfg, len(v))
    tensors = gpt2_tensors({k: t.to(torch.float32) for k, t in sd.items()}, L, H, d, d // H, cfg["attn_only"])
    config = gpt2_config(L, H, d, cfg["n_ctx"], len(v), EPS, cfg["pos"], cfg["attn_only"],
                         None if cfg["attn_only"] else 4 * d, None if cfg["attn_only"] else "gelu_new",
                         v[BOS] if cfg["bos"] else None, cfg["bos"], "a random model in TransformerLens's layout")
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    path = os.path.join(out, "model.safetensors")
    write_safetensors(path, tensors)
    back = read_safetensors(path)
    assert set(back) == set(tensors) and all(torch.equal(back[k], tensors[k].to(torch.float64)) for k in tensors)
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": None, "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": v, "unk_token": "<unk>"},
    }
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(tokenizer, f, indent=2)
        f.write("\n")

    bos = [v[BOS]] if cfg["bos"] else []
    tokens = [bos + [v[w] for w in p.split()] for p in PROMPTS]
    with torch.no_grad():
        last = [tl_forward(sd, cfg, ids)[-1].tolist() for ids in tokens]
        # the converter's own check (its GPT-2-layout forward over the written tensors) must agree as well
        t64 = {k: t.to(torch.float64) for k, t in tensors.items()}
        for ids, row in zip(tokens, last):
            own = gpt2_forward(t64, config, torch.tensor([ids]), H, d // H)[0, -1]
            assert (own - torch.tensor(row)).abs().max().item() < 1e-9, "gpt2_forward disagrees with tl_forward"
    reference = {
        "about": "last-token logits of TransformerLens's forward pass (float64, over the TransformerLens-layout "
                 "tensors rounded to float32) for the prompts, BOS included where the model prepends one",
        "prompts": PROMPTS, "tokens": {"prompts": tokens}, "last_logits": last,
    }
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print("wrote %s: largest |logit| %.3f" % (out, max(abs(x) for row in last for x in row)), file=sys.stderr)


def main():
    for cfg in MODELS:
        build(cfg)


if __name__ == "__main__":
    main()
