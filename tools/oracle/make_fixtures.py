#!/usr/bin/python3
"""Test oracle for EAP Explorer: tiny random GPT-2, Llama, Qwen2, Qwen3, Mistral and GPT-NeoX models + float64 reference numbers.

Run:  /usr/bin/python3 tools/oracle/make_fixtures.py [--only NAME ...]
Writes src/test/resources/fixtures/<model>/{config.json, model.safetensors (or shards and
model.safetensors.index.json), tokenizer.json, prompts.jsonl, reference.json} and fixtures/README.md.

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
  grouped-query attention: a{l}.h{h}<k>/<v> per QUERY head, each its own receiver (EAP-IG's
  ungroup_grouped_query_attention); parallel attention+MLP (GPT-NeoX use_parallel_residual): m{l} reads the
  layer's input, so no a{l}.* -> m{l} edges (EAP-IG's parallel_attn_mlp).

The Llama / Qwen2 / GPT-NeoX math is written here from the equations (this is a test oracle, not a port).
The names, shapes, layouts and conventions were checked by reading Hugging Face transformers' sources
(huggingface/transformers, files at these commits):
  src/transformers/models/llama/modeling_llama.py @ 002272831fba584eb30dca9729c1be456836960a:
    LlamaRMSNorm (x * rsqrt(mean(x^2) + eps) * weight), rotate_half (split halves: cat(-x2, x1)),
    cos/sin of cat(freqs, freqs), apply_rotary_pos_emb on q and k (not v), repeat_kv (KV head j serves query
    heads j*n_rep .. (j+1)*n_rep-1), scores / sqrt(head_dim), LlamaMLP down(act(gate(x)) * up(x)), the decoder
    layer (input_layernorm, post_attention_layernorm, sequential residual), model.embed_tokens / model.layers /
    model.norm, q/k/v/o_proj without bias (attention_bias false).
  src/transformers/modeling_rope_utils.py @ 0044e3b3facff1a1ad60b235c69d5b45beae75a4:
    _compute_default_rope_parameters (theta^(-2i/dim)), _compute_llama3_parameters (wavelength 2*pi/inv_freq
    against original_max_position_embeddings / low_freq_factor and / high_freq_factor; smoothed in between),
    _validate_llama3_parameters (original_max_position_embeddings < max_position_embeddings).
  src/transformers/models/qwen2/modeling_qwen2.py @ 00d4b3d2142cb4ced2f51b90614b5d26bc045015:
    q/k/v_proj bias=True, o_proj bias=False, Qwen2RMSNorm, Qwen2MLP, rotate_half, repeat_kv, scaling
    head_dim**-0.5, head_dim = hidden_size // num_attention_heads when config has none.
  src/transformers/models/gpt_neox/modeling_gpt_neox.py @ 006bd23dd0ce18d54e1cf260b09b15fa943a731d:
    query_key_value output viewed [B, P, H, 3*head_size] and split q | k | v per head, rotary_ndims =
    int(head_size * rotary_pct) on the first dims of each head (the rest passes), inv_freq over rotary_ndims,
    norm_factor head_size**-0.5, GPTNeoXLayer (parallel: x + attn(ln1(x)) + mlp(ln2(x)); else sequential),
    GPTNeoXMLP dense_4h_to_h(act(dense_h_to_4h(x))), gpt_neox.embed_in / gpt_neox.layers / final_layer_norm,
    embed_out (no bias), attention.dense.
  src/transformers/models/gpt_neox/configuration_gpt_neox.py @ 35aa9bd7c6c1121a4ae03fb9679bcbff6bb75c1b
  (rotary_pct, rotary_emb_base, use_parallel_residual, attention_bias) and
  @ 008e574391258935f3ecc3035c882e73bbcac419 (newer: rope_theta from rotary_emb_base, partial_rotary_factor
  from rotary_pct).
  src/transformers/activations.py @ d60525f3595f8214576d6b8f1c54ac7cd0b5c42c: "gelu" is F.gelu, the erf form
  (not gelu_new's tanh); swish/silu x * sigmoid(x).
  Issue 27 (tiny-qwen3, tiny-mistral, tiny-qwen2-sliding):
  src/transformers/models/qwen3/modeling_qwen3.py @ 000c33fdfde12e1ffafbfcdb3c926df5727a00b6:
    head_dim = getattr(config, "head_dim", hidden_size // heads), q_proj [H*head_dim, d], o_proj [d, H*head_dim],
    q_norm / k_norm = Qwen3RMSNorm(head_dim) applied to q_proj(x).view(..., -1, head_dim) (each head) before
    apply_rotary_pos_emb, scaling head_dim**-0.5, bias=config.attention_bias on q/k/v/o, sliding_window only on
    layer_types[l] == "sliding_attention".
  src/transformers/models/qwen3/configuration_qwen3.py, src/transformers/models/qwen2/configuration_qwen2.py
  @ 008e574391258935f3ecc3035c882e73bbcac419: __post_init__ keeps sliding_window only with use_sliding_window; with
    no layer_types, layers i >= max_window_layers are "sliding_attention".
  src/transformers/models/qwen2/modeling_qwen2.py @ 00d4b3d2142cb4ced2f51b90614b5d26bc045015: Qwen2Attention's
    sliding_window only where layer_types[l] == "sliding_attention", Qwen2Model's per-layer mask
    (create_sliding_window_causal_mask for those layers, which raises when config.sliding_window is None), head_dim
    getattr(config, "head_dim", hidden_size // heads).
  src/transformers/models/mistral/modular_mistral.py @ 9db58abd6e21c34dbb44068432f2e4b146ab472b and
  configuration_mistral.py @ 001f85b38fb432858ace93f18622f07cec46d874: Llama without any bias, head_dim from config
    or hidden_size // heads, every layer's attention gets sliding_window (create_sliding_window_causal_mask unless
    config.sliding_window is None).
  src/transformers/masking_utils.py @ 00c4411cbe15d4c56d54d3b56d4d171e9c289dac: causal_mask_function
    kv_idx <= q_idx, sliding_window_overlay kv_idx > q_idx - sliding_window (and_masks of both): a window of W
    positions, the query's own included.
  tiny-gemma2, tiny-gemma3 and tiny-olmo2: their equations and the commits read are in gemma2_math.py and olmo2_math.py.
transformers is not installed here, so there is no run-time comparison against it.
"""
import json
import math
import os
import struct
import sys

import torch

torch.set_default_dtype(torch.float64)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gemma2_math  # noqa: E402  (Gemma-2's equations, in their own file)
import olmo2_math  # noqa: E402  (OLMo-2's)

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
    vocab[bos_token(cfg)] = len(vocab)
    return vocab


def bos_token(cfg):
    """GPT-2's <|endoftext|> (TransformerLens prepends it), or the family's own (Llama's "<s>")."""
    return cfg.get("bos_token", BOS_TOKEN)

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
    # --- rotary families (issue 15), each in its Hugging Face layout; KV = num_key_value_heads, I = intermediate_size
    # Llama 3 style: RMSNorm, llama3 rope scaling (original_max_position_embeddings 160 with Llama 3's own factors
    # 8/1/4 puts the head_dim-8 frequencies in all three branches of the rule: kept, smoothed, divided),
    # SwiGLU, untied lm_head, GQA with 2 KV groups, "<s>" BOS added by the tokenizer's TemplateProcessing
    dict(name="tiny-llama", arch="llama", L=2, H=4, KV=2, d=32, I=64, max_pos=1280, dtype="F32",
         metric="logit_diff", seed=2468, bos=True, bos_token="<s>", eps=1e-5, tie=False, rope_theta=10000.0,
         rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                       "original_max_position_embeddings": 160}),
    # Qwen2.5 style: q/k/v biases, tied embeddings, one KV head serving all four query heads, BF16, two shards
    dict(name="tiny-qwen2", arch="qwen2", L=2, H=4, KV=1, d=32, I=64, max_pos=128, dtype="BF16",
         metric="prob_diff", seed=1357, eps=1e-6, tie=True, rope_theta=1000000.0, shards=2,
         emb_std=0.5),  # tied embeddings: a softer softmax so that prob_diff is not saturated
    # Pythia: LayerNorm, partial rotary, parallel attention + MLP, fused per-head query_key_value, config keys
    # exactly as Pythia's config.json (rotary_pct, rotary_emb_base)
    dict(name="tiny-neox", arch="gpt_neox", L=2, H=4, d=32, I=64, max_pos=128, dtype="F32",
         metric="logit_diff", seed=8642, eps=1e-5, rotary_pct=0.5, rope_theta=10000, parallel=True),
    # the same family with an ordinary sequential block, head_dim 16 with a quarter of it rotating (Pythia's
    # ratio), a non-default base, and the config keys a newer transformers writes beside the old ones
    dict(name="tiny-neox-sequential", arch="gpt_neox", L=3, H=2, d=32, I=64, max_pos=128, dtype="F32",
         metric="logit_diff", seed=9753, eps=1e-5, rotary_pct=0.25, rope_theta=1000, parallel=False,
         newer_config_keys=True),
    # --- issue 27
    # Qwen3-0.6B style: head_dim (16) in config.json and not hidden_size / heads (8), per-head q/k RMSNorm before
    # rotary (self_attn.q_norm / k_norm, [head_dim]), no biases, tied embeddings, 2 KV groups
    dict(name="tiny-qwen3", arch="qwen3", L=2, H=4, KV=2, d=32, head_dim=16, I=64, max_pos=256, dtype="F32",
         metric="logit_diff", seed=4321, eps=1e-6, tie=True, rope_theta=1000000.0),
    # Mistral-7B-v0.1 style: Llama plus sliding_window on every layer; a window of 4 (the query's own position
    # included) is shorter than 5 of the 7 prompts (with "<s>" in front), so the band matters
    dict(name="tiny-mistral", arch="mistral", L=2, H=4, KV=2, d=32, I=64, max_pos=512, dtype="F32",
         metric="logit_diff", seed=8765, bos=True, bos_token="<s>", eps=1e-5, tie=False, rope_theta=10000.0,
         sliding_window=4),
    # Qwen2 with use_sliding_window: layers i >= max_window_layers (here layer 1 of 2) slide, window 3
    dict(name="tiny-qwen2-sliding", arch="qwen2", L=2, H=4, KV=2, d=32, I=64, max_pos=128, dtype="F32",
         metric="logit_diff", seed=2222, eps=1e-6, tie=False, rope_theta=10000.0, sliding_window=3,
         use_sliding_window=True, max_window_layers=1),
]
# Gemma-2 (issue 27): sandwich norms with 1 + w gains, head_dim 16 against d/H = 8, query_pre_attn_scalar 12
# (not head_dim), attention soft-capping 5 and final soft-capping 8 low enough to bend the numbers, a sliding window
# of 4 on layer 0 (Gemma2Config's default pattern) shorter than most prompts, GQA with 2 KV heads, tied embeddings, BF16
MODELS.append(dict(name="tiny-gemma2", arch="gemma2", L=2, H=4, KV=2, d=32, head_dim=16, I=64, max_pos=128,
                   dtype="BF16", metric="logit_diff", seed=4826, eps=1e-6, tie=True, rope_theta=10000.0, window=4,
                   query_pre_attn_scalar=12, attn_softcap=5.0, final_softcap=8.0, emb_std=0.5))
PROMPTS["tiny-gemma2"] = PROMPTS["tiny-f32"]
# Gemma-3 (issue 27): per-head q/k norms (1 + w), sliding_window_pattern 3 (layers 0 and 1 slide with a window of 3,
# layer 2 is global), rope_parameters per layer type as transformers v5 writes them (global: 1e6 with linear scaling by 4;
# local: 1e4), no soft-capping (null), head_dim 16 of d 32 / 4 heads, one KV head (Gemma-3-1B's MQA), F32
MODELS.append(dict(name="tiny-gemma3", arch="gemma3", L=3, H=4, KV=1, d=32, head_dim=16, I=64, max_pos=256,
                   dtype="F32", metric="logit_diff", seed=6173, eps=1e-6, tie=True, rope_theta=1000000.0, rope_factor=4.0,
                   rope_local_theta=10000.0, window=3, pattern=3, query_pre_attn_scalar=16, attn_softcap=None,
                   final_softcap=None, emb_std=0.5))
PROMPTS["tiny-gemma3"] = PROMPTS["tiny-bf16"]
# OLMo-2 (issue 27): no input norms, post-norms with plain gains into the residual stream, q/k RMSNorms over the whole
# projection (q: H * head_dim, k: KV * head_dim) before rotary, head_dim = d/H (Olmo2Config has no head_dim), GQA with
# 2 KV heads, untied lm_head, rope_theta and rms_norm_eps as OLMo-2-0425-1B's, F32 as OLMo-2's checkpoints are
MODELS.append(dict(name="tiny-olmo2", arch="olmo2", L=2, H=4, KV=2, d=32, I=64, max_pos=128, dtype="F32",
                   metric="logit_diff", seed=6173, eps=1e-6, tie=False, rope_theta=500000.0))
PROMPTS["tiny-olmo2"] = PROMPTS["tiny-attn-only"]
PROMPTS["tiny-llama"] = PROMPTS["tiny-attn-only"]
PROMPTS["tiny-qwen2"] = PROMPTS["tiny-f16"]
PROMPTS["tiny-neox"] = PROMPTS["tiny-f32"]
PROMPTS["tiny-neox-sequential"] = PROMPTS["tiny-bf16"]
PROMPTS["tiny-qwen3"] = PROMPTS["tiny-f32"]
PROMPTS["tiny-mistral"] = PROMPTS["tiny-attn-only"]
PROMPTS["tiny-qwen2-sliding"] = PROMPTS["tiny-bf16"]

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


def attention_mask(P, window=0):
    """[P, P] True where query i may attend to key j: j <= i, and with a sliding window W also j > i - W
    (transformers' masking_utils: causal_mask_function kv_idx <= q_idx and sliding_window_overlay
    kv_idx > q_idx - sliding_window, so W positions, the query's own included)."""
    i = torch.arange(P)[:, None]
    j = torch.arange(P)[None, :]
    allowed = j <= i
    if window:
        allowed = allowed & (j > i - window)
    return allowed


def causal_attention(q, k, v, window=0):
    """q,k,v: [B,P,dh] for one head -> z [B,P,dh]."""
    P, dh = q.shape[1], q.shape[2]
    s = q @ k.transpose(1, 2) / math.sqrt(dh)
    s = s.masked_fill(~attention_mask(P, window), float("-inf"))
    return torch.softmax(s, -1) @ v


def gpt2_plain_forward(W, cfg, tok):
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


def graph_edges(L, H, attn_only=False, parallel=False):
    """List of (upstream, downstream) in order: downstream order, then upstream forward order.
    parallel (GPT-NeoX's use_parallel_residual): m{l} reads the layer's input, so it has no edge from a{l}.*
    (EAP-IG's parallel_attn_mlp)."""
    edges = []
    written = ["input"]
    for l in range(L):
        layer_input = list(written)
        for qkv in "qkv":
            for h in range(H):
                dn = "a%d.h%d<%s>" % (l, h, qkv)
                edges.extend((u, dn) for u in written)
        written.extend("a%d.h%d" % (l, h) for h in range(H))
        if attn_only:
            continue
        edges.extend((u, "m%d" % l) for u in (layer_input if parallel else written))
        written.append("m%d" % l)
    edges.extend((u, "logits") for u in written)
    return edges


def gpt2_explicit_forward(W, cfg, tok, perturb=None, retain=False, kept=None, corr_ups=None, input_override=None):
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
# Llama / Qwen2 / GPT-NeoX math (float64), written from the equations
# ---------------------------------------------------------------------------
def plain_forward(W, cfg, tok):
    if cfg.get("arch", "gpt2") == "gpt2":
        return gpt2_plain_forward(W, cfg, tok)
    if cfg["arch"] in SANDWICH:
        return gemma2_math.plain_forward(W, cfg, tok, gemma2_rope(cfg))
    if cfg["arch"] == "olmo2":
        return olmo2_math.plain_forward(W, cfg, tok, *olmo2_rope(cfg, tok.shape[1]))
    return rotary_plain_forward(W, cfg, tok)


def explicit_forward(W, cfg, tok, perturb=None, retain=False, kept=None, corr_ups=None, input_override=None):
    if cfg.get("arch", "gpt2") == "gpt2":
        return gpt2_explicit_forward(W, cfg, tok, perturb, retain, kept, corr_ups, input_override)
    if cfg["arch"] in SANDWICH:
        return gemma2_math.explicit_forward(W, cfg, tok, gemma2_rope(cfg), perturb, retain, kept, corr_ups, input_override)
    if cfg["arch"] == "olmo2":
        return olmo2_math.explicit_forward(W, cfg, tok, *olmo2_rope(cfg, tok.shape[1]), perturb, retain, kept, corr_ups,
                                           input_override)
    return rotary_explicit_forward(W, cfg, tok, perturb, retain, kept, corr_ups, input_override)


SANDWICH = ("gemma2", "gemma3")  # families whose blocks normalise their outputs before the residual stream


def gemma2_rope(cfg):
    """The rotation, for gemma2_math (which makes each layer's cos and sin itself)."""
    return lambda x, c, s_, rot: apply_rope(x, c, s_, rot, cfg.get("rope_interleaved", False))


def olmo2_rope(cfg, P):
    """cos, sin and the rotation, for olmo2_math (one rotary embedding for every layer)."""
    cos, sin = rope_cos_sin(cfg, P)
    return cos, sin, lambda x, c, s_, rot: apply_rope(x, c, s_, rot, cfg.get("rope_interleaved", False))


def head_dim(cfg):
    """config.json's head_dim where the fixture sets one (Qwen3), else hidden_size / heads."""
    return cfg.get("head_dim", cfg["d"] // cfg["H"])


def layer_windows(cfg):
    """Each layer's sliding window (0: full causal attention), as transformers decides it. Mistral: every layer,
    config.sliding_window (MistralModel picks create_sliding_window_causal_mask unless it is None). Qwen2/Qwen3:
    Qwen2Config.__post_init__ keeps sliding_window only with use_sliding_window, and with no layer_types makes
    layers i >= max_window_layers "sliding_attention". no_window: the wrong reading, for the check that it matters."""
    L = cfg["L"]
    if "windows" in cfg:  # the attention-variant check: given per layer
        return cfg["windows"]
    if cfg.get("no_window") or not cfg.get("sliding_window"):
        return [0] * L
    if cfg["arch"] == "mistral":
        return [cfg["sliding_window"]] * L
    if not cfg.get("use_sliding_window"):
        return [0] * L
    return [cfg["sliding_window"] if i >= cfg["max_window_layers"] else 0 for i in range(L)]


def qk_norm(cfg):
    """Qwen3: RMSNorm over each head's q and k (q_norm, k_norm of width head_dim) before rotary."""
    return cfg.get("arch") == "qwen3" and not cfg.get("no_qk_norm")


def kv_heads(cfg):
    return cfg.get("KV", cfg["H"])


def rotary_dims(cfg):
    """Dimensions of each head that rotate: all of them (Llama, Qwen2), or GPT-NeoX's int(head_size * rotary_pct),
    the first ones of the head."""
    if cfg["arch"] == "gpt_neox":
        return int(head_dim(cfg) * cfg.get("rotary_pct_override", cfg["rotary_pct"]))
    return head_dim(cfg)


def rope_inv_freq(cfg, branches=None):
    """inv_freq[i] = theta^(-2i/dim), i < dim/2; with Llama 3's rope_scaling, each frequency by its wavelength
    2*pi/inv_freq: shorter than original_max_position_embeddings/high_freq_factor kept, longer than
    original_max_position_embeddings/low_freq_factor divided by factor, in between
    (1 - s) * inv_freq / factor + s * inv_freq with s = (original/wavelength - low) / (high - low).
    branches: a dict that receives how many frequencies took each branch."""
    dim = rotary_dims(cfg)
    inv = 1.0 / (float(cfg["rope_theta"]) ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))
    sc = cfg.get("rope_scaling")
    if sc is None:
        return inv
    assert sc["rope_type"] == "llama3", sc
    factor, low, high = sc["factor"], sc["low_freq_factor"], sc["high_freq_factor"]
    old = sc["original_max_position_embeddings"]
    out = []
    for f in inv.tolist():
        wavelen = 2 * math.pi / f
        if wavelen < old / high:
            kind, g = "kept", f
        elif wavelen > old / low:
            kind, g = "divided", f / factor
        else:
            s = (old / wavelen - low) / (high - low)
            kind, g = "smoothed", (1 - s) * f / factor + s * f
        if branches is not None:
            branches[kind] = branches.get(kind, 0) + 1
        out.append(g)
    return torch.tensor(out, dtype=torch.float64)


def rope_cos_sin(cfg, P):
    """cos, sin [P, rotary_dims]: angle t * inv_freq for positions t = 0..P-1, the frequencies repeated as
    cat(freqs, freqs) (the two halves of the rotated dimensions share a frequency)."""
    inv = rope_inv_freq(cfg)
    if cfg.get("inv_freq_float32"):
        inv = inv.to(torch.float32).to(torch.float64)
    freqs = torch.arange(P, dtype=torch.float64)[:, None] * inv[None, :]
    emb = torch.cat((freqs, freqs), -1)
    return emb.cos(), emb.sin()


def apply_rope(x, cos, sin, rot, interleaved=False):
    """x [..., P, head_dim]: the first rot dimensions rotate, the rest pass. Split halves (rotate_half):
    x_rot * cos + cat(-x2, x1) * sin with x1, x2 the first and second half of x_rot. interleaved=True is the other
    convention (pairs 2i, 2i+1), only for the check that the convention matters."""
    xr, xp = x[..., :rot], x[..., rot:]
    if interleaved:
        c, s_ = cos[..., :rot // 2], sin[..., :rot // 2]
        a, b = xr[..., 0::2], xr[..., 1::2]
        out = torch.stack((a * c - b * s_, a * s_ + b * c), -1).flatten(-2)
    else:
        x1, x2 = xr[..., :rot // 2], xr[..., rot // 2:]
        out = xr * cos + torch.cat((-x2, x1), -1) * sin
    return torch.cat((out, xp), -1)


def rms_norm(x, w, eps):
    return x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps) * w


def layer_norm_eps(x, w, b, eps):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + eps) * w + b


def silu(x):
    return x * torch.sigmoid(x)


def gelu_erf(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def rotary_names(cfg):
    """The Hugging Face tensor names of the family; layer names take the layer index."""
    if cfg["arch"] == "gpt_neox":
        p = "gpt_neox.layers.%d."
        return dict(embed="gpt_neox.embed_in.weight", unembed="embed_out.weight",
                    ln1=p + "input_layernorm.", ln2=p + "post_attention_layernorm.",
                    final="gpt_neox.final_layer_norm.", qkv=p + "attention.query_key_value.",
                    dense=p + "attention.dense.", fc_in=p + "mlp.dense_h_to_4h.", fc_out=p + "mlp.dense_4h_to_h.")
    p = "model.layers.%d."
    return dict(embed="model.embed_tokens.weight",
                unembed="model.embed_tokens.weight" if cfg["tie"] else "lm_head.weight",
                ln1=p + "input_layernorm.", ln2=p + "post_attention_layernorm.", final="model.norm.",
                q=p + "self_attn.q_proj.", k=p + "self_attn.k_proj.", v=p + "self_attn.v_proj.",
                o=p + "self_attn.o_proj.", gate=p + "mlp.gate_proj.", up=p + "mlp.up_proj.", down=p + "mlp.down_proj.",
                q_norm=p + "self_attn.q_norm.", k_norm=p + "self_attn.k_norm.")


def make_rotary_weights(cfg):
    """Random weights under the family's Hugging Face names, nn.Linear's [out, in] storage."""
    g = torch.Generator().manual_seed(cfg["seed"])
    L, d, I = cfg["L"], cfg["d"], cfg["I"]
    H, KV, dh = cfg["H"], kv_heads(cfg), head_dim(cfg)
    nm = rotary_names(cfg)

    def n(*shape, std=1.0, mean=0.0):
        return torch.randn(*shape, generator=g, dtype=torch.float64) * std + mean

    W = {}
    V = len(vocab_of(cfg))
    if cfg["arch"] in SANDWICH:
        W = gemma2_math.make_gemma2_weights(cfg, n, V)
        stored = {k: v.to(TORCH_DTYPE[cfg["dtype"]]) for k, v in W.items()}
        return stored, {k: v.to(torch.float64) for k, v in stored.items()}
    if cfg["arch"] == "olmo2":
        W = olmo2_math.make_olmo2_weights(cfg, n, V)
        stored = {k: v.to(TORCH_DTYPE[cfg["dtype"]]) for k, v in W.items()}
        return stored, {k: v.to(torch.float64) for k, v in stored.items()}
    W[nm["embed"]] = n(V, d, std=cfg.get("emb_std", 1.0))
    for l in range(L):
        if cfg["arch"] == "gpt_neox":
            W[nm["ln1"] % l + "weight"] = n(d, std=0.1, mean=1.0)
            W[nm["ln1"] % l + "bias"] = n(d, std=0.1)
            W[nm["qkv"] % l + "weight"] = n(3 * d, d, std=0.3)
            W[nm["qkv"] % l + "bias"] = n(3 * d, std=0.1)
            W[nm["dense"] % l + "weight"] = n(d, d, std=0.3)
            W[nm["dense"] % l + "bias"] = n(d, std=0.1)
            W[nm["ln2"] % l + "weight"] = n(d, std=0.1, mean=1.0)
            W[nm["ln2"] % l + "bias"] = n(d, std=0.1)
            W[nm["fc_in"] % l + "weight"] = n(I, d, std=0.3)
            W[nm["fc_in"] % l + "bias"] = n(I, std=0.1)
            W[nm["fc_out"] % l + "weight"] = n(d, I, std=0.3)
            W[nm["fc_out"] % l + "bias"] = n(d, std=0.1)
            continue
        W[nm["ln1"] % l + "weight"] = n(d, std=0.1, mean=1.0)
        W[nm["q"] % l + "weight"] = n(H * dh, d, std=0.3)
        W[nm["k"] % l + "weight"] = n(KV * dh, d, std=0.3)
        W[nm["v"] % l + "weight"] = n(KV * dh, d, std=0.3)
        if cfg["arch"] == "qwen2":  # q/k/v biases, none on o_proj
            W[nm["q"] % l + "bias"] = n(H * dh, std=0.3)
            W[nm["k"] % l + "bias"] = n(KV * dh, std=0.3)
            W[nm["v"] % l + "bias"] = n(KV * dh, std=0.3)
        W[nm["o"] % l + "weight"] = n(d, H * dh, std=0.3)
        W[nm["ln2"] % l + "weight"] = n(d, std=0.1, mean=1.0)
        W[nm["gate"] % l + "weight"] = n(I, d, std=0.3)
        W[nm["up"] % l + "weight"] = n(I, d, std=0.3)
        W[nm["down"] % l + "weight"] = n(d, I, std=0.3)
        if cfg["arch"] == "qwen3":
            W[nm["q_norm"] % l + "weight"] = n(dh, std=0.1, mean=1.0)
            W[nm["k_norm"] % l + "weight"] = n(dh, std=0.1, mean=1.0)
    if cfg["arch"] == "gpt_neox":
        W[nm["final"] + "weight"] = n(d, std=0.1, mean=1.0)
        W[nm["final"] + "bias"] = n(d, std=0.1)
    else:
        W[nm["final"] + "weight"] = n(d, std=0.1, mean=1.0)
    if nm["unembed"] not in W:
        W[nm["unembed"]] = n(V, d, std=cfg.get("emb_std", 1.0))
    stored = {k: v.to(TORCH_DTYPE[cfg["dtype"]]) for k, v in W.items()}
    exact = {k: v.to(torch.float64) for k, v in stored.items()}
    return stored, exact


def linear(x, W, name):
    """nn.Linear: x @ weight.T + bias (bias where the checkpoint has one)."""
    y = x @ W[name + "weight"].T
    if name + "bias" in W:
        y = y + W[name + "bias"]
    return y


def rotary_norm(W, cfg, x, prefix):
    if cfg["arch"] == "gpt_neox":
        return layer_norm_eps(x, W[prefix + "weight"], W[prefix + "bias"], cfg["eps"])
    return rms_norm(x, W[prefix + "weight"], cfg["eps"])


def rotary_mlp(W, cfg, x, l):
    nm = rotary_names(cfg)
    if cfg["arch"] == "gpt_neox":
        return linear(gelu_erf(linear(x, W, nm["fc_in"] % l)), W, nm["fc_out"] % l)
    return linear(silu(linear(x, W, nm["gate"] % l)) * linear(x, W, nm["up"] % l), W, nm["down"] % l)


def head_rows(cfg, qkv, h):
    """Rows of the projection weight that make query head h's q, k or v: for GPT-NeoX the fused weight viewed per
    head as [q | k | v] of head_size each (rows h*3*hs + j*hs ...); for Llama/Qwen2 q_proj's rows h*hs ..., and
    k_proj/v_proj's rows of KV head h // n_rep (repeat_kv: KV head j serves query heads j*n_rep .. (j+1)*n_rep - 1)."""
    dh = head_dim(cfg)
    if cfg["arch"] == "gpt_neox":
        j = "qkv".index(qkv)
        if cfg.get("qkv_blocks"):  # the wrong reading, [all q | all k | all v], only for the check that it matters
            return slice(j * cfg["d"] + h * dh, j * cfg["d"] + (h + 1) * dh)
        return slice(h * 3 * dh + j * dh, h * 3 * dh + (j + 1) * dh)
    if qkv == "q":
        return slice(h * dh, (h + 1) * dh)
    rep = cfg["H"] // kv_heads(cfg)
    gi = h % kv_heads(cfg) if cfg.get("kv_tiled") else h // rep  # kv_tiled: the wrong mapping, for the check
    return slice(gi * dh, (gi + 1) * dh)


def head_projection(W, cfg, a, l, qkv, h):
    """a [B,P,d] (normed) -> query head h's q, k or v [B,P,head_dim] (+ bias), before rotary."""
    nm = rotary_names(cfg)
    prefix = nm["qkv"] % l if cfg["arch"] == "gpt_neox" else nm[qkv] % l
    rows = head_rows(cfg, qkv, h)
    y = a @ W[prefix + "weight"][rows].T
    if prefix + "bias" in W and not cfg.get("no_qkv_bias"):
        y = y + W[prefix + "bias"][rows]
    return y


def rotary_plain_forward(W, cfg, tok):
    """Ordinary forward, batched the way the Hugging Face modules compute: one projection for all heads, then a
    view into heads (GPT-NeoX: [B,P,H,3*hs] split into q|k|v; Llama/Qwen2: q [B,P,H,hs], k/v [B,P,KV,hs] with
    repeat_kv), rotary on q and k, causal softmax(q k^T / sqrt(head_dim)) v, output projection, residual (parallel
    or sequential), final norm, unembedding. tok: [B,P] long -> logits [B,P,V]."""
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    KV, dh, rot = kv_heads(cfg), head_dim(cfg), rotary_dims(cfg)
    rep = H // KV
    B, P = tok.shape
    nm = rotary_names(cfg)
    cos, sin = rope_cos_sin(cfg, P)
    ilv = cfg.get("rope_interleaved", False)
    windows = layer_windows(cfg)
    if cfg.get("local_rope_theta"):  # the window layers' own rotary base (Gemma-3's rope_local_base_freq), no scaling
        local_cos, local_sin = rope_cos_sin(dict(cfg, rope_theta=cfg["local_rope_theta"], rope_scaling=None), P)
    x = W[nm["embed"]][tok]
    for l in range(L):
        mask = attention_mask(P, windows[l])
        a = rotary_norm(W, cfg, x, nm["ln1"] % l)
        if cfg["arch"] == "gpt_neox":
            qkv = linear(a, W, nm["qkv"] % l)
            if cfg.get("qkv_blocks"):
                qkv = torch.cat([t.view(B, P, H, dh) for t in qkv.split(d, -1)], -1)
            qkv = qkv.view(B, P, H, 3 * dh)
            q, k, v = (qkv[..., j * dh:(j + 1) * dh].permute(0, 2, 1, 3) for j in range(3))
        else:
            bias = not cfg.get("no_qkv_bias")
            q = (a @ W[nm["q"] % l + "weight"].T + (W[nm["q"] % l + "bias"] if bias and nm["q"] % l + "bias" in W else 0))
            k = (a @ W[nm["k"] % l + "weight"].T + (W[nm["k"] % l + "bias"] if bias and nm["k"] % l + "bias" in W else 0))
            v = (a @ W[nm["v"] % l + "weight"].T + (W[nm["v"] % l + "bias"] if bias and nm["v"] % l + "bias" in W else 0))
            if cfg.get("qk_norm_whole"):  # OLMo-2: over the whole q_proj (H*dh) and k_proj (KV*dh) output, before the view
                q = rms_norm(q, cfg["qk_norm_whole"]["q"][l], cfg["eps"])
                k = rms_norm(k, cfg["qk_norm_whole"]["k"][l], cfg["eps"])
            q = q.view(B, P, H, dh)
            k = k.view(B, P, KV, dh)
            if qk_norm(cfg):  # over each head's head_dim features, before rotary
                q = rms_norm(q, W[nm["q_norm"] % l + "weight"], cfg["eps"])
                k = rms_norm(k, W[nm["k_norm"] % l + "weight"], cfg["eps"])
            q = q.transpose(1, 2)
            k = k.transpose(1, 2)
            v = v.view(B, P, KV, dh).transpose(1, 2)
            if cfg.get("kv_tiled"):
                k, v = k.repeat(1, rep, 1, 1), v.repeat(1, rep, 1, 1)
            else:  # repeat_kv
                k = k[:, :, None].expand(B, KV, rep, P, dh).reshape(B, H, P, dh)
                v = v[:, :, None].expand(B, KV, rep, P, dh).reshape(B, H, P, dh)
        c_l, s_l = (local_cos, local_sin) if windows[l] and cfg.get("local_rope_theta") else (cos, sin)
        q = apply_rope(q, c_l, s_l, rot, ilv)
        k = apply_rope(k, c_l, s_l, rot, ilv)
        s = (q @ k.transpose(-1, -2)) * cfg["attn_scale"] if "attn_scale" in cfg else (q @ k.transpose(-1, -2)) / math.sqrt(dh)
        if cfg.get("softcap"):  # Gemma-2's attention-logit soft-capping, before the mask
            s = cfg["softcap"] * torch.tanh(s / cfg["softcap"])
        s = s.masked_fill(~mask, float("-inf"))
        z = (torch.softmax(s, -1) @ v).transpose(1, 2).reshape(B, P, H * dh)
        attn = linear(z, W, (nm["dense"] if cfg["arch"] == "gpt_neox" else nm["o"]) % l)
        if cfg.get("parallel"):
            x = x + attn + rotary_mlp(W, cfg, rotary_norm(W, cfg, x, nm["ln2"] % l), l)
        else:
            x = x + attn
            x = x + rotary_mlp(W, cfg, rotary_norm(W, cfg, x, nm["ln2"] % l), l)
    x = rotary_norm(W, cfg, x, nm["final"])
    return x @ W[nm["unembed"]].T


def rotary_explicit_forward(W, cfg, tok, perturb=None, retain=False, kept=None, corr_ups=None, input_override=None):
    """explicit_forward for the rotary families: the same graph, every receiver on its own copy of the residual
    stream. With GQA every query head's k and v inputs are their own receivers (EAP-IG's
    ungroup_grouped_query_attention): a{l}.h{h}<k> is norm(own copy) @ W_k[KV head of h]^T (+ bias), rotated.
    Head output a{l}.h{h} = z_h @ W_O[:, h]^T, without the output projection's bias (GPT-NeoX's dense bias), which
    joins the constant; m{l} is the MLP's output with its biases. Parallel blocks: m{l}'s copy holds only what was
    written before the layer (no a{l}.*, no dense bias of layer l)."""
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    dh, rot = head_dim(cfg), rotary_dims(cfg)
    B, P = tok.shape
    perturb = perturb or {}
    nm = rotary_names(cfg)
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

    cos, sin = rope_cos_sin(cfg, P)
    ups["input"] = W[nm["embed"]][tok]
    if input_override is not None:
        ups["input"] = input_override.clone()
    if retain:
        ups["input"].requires_grad_()
    order.append("input")
    const = torch.zeros(d)  # accumulated output-projection biases (GPT-NeoX's attention.dense.bias)
    for l in range(L):
        proj = {}
        for qkv in "qkv":
            for h in range(H):
                x = make_input("a%d.h%d<%s>" % (l, h, qkv), const)
                y = head_projection(W, cfg, rotary_norm(W, cfg, x, nm["ln1"] % l), l, qkv, h)
                if qkv != "v" and qk_norm(cfg):
                    y = rms_norm(y, W[nm[qkv + "_norm"] % l + "weight"], cfg["eps"])
                if qkv != "v":
                    y = apply_rope(y, cos, sin, rot, cfg.get("rope_interleaved", False))
                proj[(qkv, h)] = y
        m_in = make_input("m%d" % l, const) if cfg.get("parallel") else None
        out_name = (nm["dense"] if cfg["arch"] == "gpt_neox" else nm["o"]) % l
        Wo = W[out_name + "weight"]
        for h in range(H):
            z = causal_attention(proj[("q", h)], proj[("k", h)], proj[("v", h)], layer_windows(cfg)[l])
            head = z @ Wo[:, h * dh:(h + 1) * dh].T
            if retain:
                head.retain_grad()
            ups["a%d.h%d" % (l, h)] = head
            order.append("a%d.h%d" % (l, h))
        if out_name + "bias" in W:
            const = const + W[out_name + "bias"]
        if m_in is None:
            m_in = make_input("m%d" % l, const)
        ups["m%d" % l] = rotary_mlp(W, cfg, rotary_norm(W, cfg, m_in, nm["ln2"] % l), l)
        if retain:
            ups["m%d" % l].retain_grad()
        order.append("m%d" % l)
    x = make_input("logits", const)
    logits = rotary_norm(W, cfg, x, nm["final"]) @ W[nm["unembed"]].T
    return logits, ups, downs


def edge_count_formula(L, H, attn_only=False, parallel=False):
    """Sequential: sum_l [3H(1 + l(H+1)) + (1 + l(H+1) + H)] + (1 + L(H+1)); parallel: the MLP term is 1 + l(H+1);
    attention-only: sum_l 3H(1 + lH) + (1 + LH)."""
    if attn_only:
        return sum(3 * H * (1 + l * H) for l in range(L)) + 1 + L * H
    return sum(3 * H * (1 + l * (H + 1)) + (1 + l * (H + 1) + (0 if parallel else H)) for l in range(L)) \
        + 1 + L * (H + 1)


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
def write_gpt2_files(cfg, out, stored, W):
    """config.json, tokenizer.json and model.safetensors of a GPT-2 fixture."""
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
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


DTYPE_CONFIG_NAME = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}


def rotary_config(cfg):
    """config.json with the keys the family's Hugging Face checkpoints carry (Llama 3.2, Qwen2.5, Pythia)."""
    L, H, d = cfg["L"], cfg["H"], cfg["d"]
    V = len(vocab_of(cfg))
    if cfg["arch"] in SANDWICH:
        return gemma2_math.gemma2_config(cfg, V, DTYPE_CONFIG_NAME[cfg["dtype"]])
    if cfg["arch"] == "olmo2":
        return olmo2_math.olmo2_config(cfg, V, DTYPE_CONFIG_NAME[cfg["dtype"]])
    if cfg["arch"] == "gpt_neox":
        c = {
            "architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox",
            "bos_token_id": 0, "eos_token_id": 0, "hidden_act": "gelu", "hidden_size": d,
            "initializer_range": 0.02, "intermediate_size": cfg["I"], "layer_norm_eps": cfg["eps"],
            "max_position_embeddings": cfg["max_pos"], "num_attention_heads": H, "num_hidden_layers": L,
            "rotary_emb_base": cfg["rope_theta"], "rotary_pct": cfg["rotary_pct"], "tie_word_embeddings": False,
            "torch_dtype": DTYPE_CONFIG_NAME[cfg["dtype"]], "use_cache": True,
            "use_parallel_residual": cfg["parallel"], "vocab_size": V,
        }
        if cfg.get("newer_config_keys"):
            # what later transformers versions write next to the old keys (rope_theta = rotary_emb_base,
            # partial_rotary_factor = rotary_pct) and the attention-bias/dropout switches
            c.update({"rope_theta": cfg["rope_theta"], "partial_rotary_factor": cfg["rotary_pct"],
                      "attention_bias": True, "attention_dropout": 0.0, "hidden_dropout": 0.0,
                      "classifier_dropout": 0.1, "rope_scaling": None})
        return dict(sorted(c.items()))
    common = {
        "attention_dropout": 0.0, "hidden_act": "silu", "hidden_size": d, "initializer_range": 0.02,
        "intermediate_size": cfg["I"], "max_position_embeddings": cfg["max_pos"], "num_attention_heads": H,
        "num_hidden_layers": L, "num_key_value_heads": kv_heads(cfg), "rms_norm_eps": cfg["eps"],
        "rope_theta": cfg["rope_theta"], "tie_word_embeddings": cfg["tie"],
        "torch_dtype": DTYPE_CONFIG_NAME[cfg["dtype"]], "use_cache": True, "vocab_size": V,
    }
    if cfg["arch"] == "llama":
        bos = vocab_of(cfg)[bos_token(cfg)]
        c = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "attention_bias": False,
             "bos_token_id": bos, "eos_token_id": bos, "head_dim": head_dim(cfg), "mlp_bias": False,
             "pretraining_tp": 1, "rope_scaling": cfg["rope_scaling"]}
    elif cfg["arch"] == "qwen3":
        # Qwen3-0.6B's keys: head_dim, attention_bias, the sliding-window trio (off), "rope_scaling": null
        c = {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "attention_bias": False,
             "bos_token_id": 0, "eos_token_id": 0, "head_dim": head_dim(cfg), "max_window_layers": L,
             "rope_scaling": None, "sliding_window": None, "use_sliding_window": False}
    elif cfg["arch"] == "mistral":
        # Mistral-7B-v0.1's keys: no head_dim, no attention_bias, sliding_window, "<s>" as BOS (id 41 here)
        bos = vocab_of(cfg)[bos_token(cfg)]
        c = {"architectures": ["MistralForCausalLM"], "model_type": "mistral", "bos_token_id": bos,
             "eos_token_id": bos, "sliding_window": cfg["sliding_window"]}
        del common["attention_dropout"]
    elif cfg.get("use_sliding_window"):
        c = {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "bos_token_id": 0, "eos_token_id": 0,
             "max_window_layers": cfg["max_window_layers"], "rope_scaling": None,
             "sliding_window": cfg["sliding_window"], "use_sliding_window": True}
    else:
        # Qwen2.5: bos_token_id names a token the tokenizer never adds; no head_dim key (hidden_size / heads)
        c = {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "bos_token_id": 0, "eos_token_id": 0,
             "max_window_layers": L, "rope_scaling": None, "sliding_window": cfg["max_pos"],
             "use_sliding_window": False}
    c.update(common)
    return dict(sorted(c.items()))


def rotary_tokenizer(cfg):
    """Word-level tokenizer.json; Llama's adds "<s>" in front of every sequence the way Llama's own tokenizer.json
    does: an added special token and a TemplateProcessing post_processor."""
    vocab = vocab_of(cfg)
    tok = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": None, "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"},
    }
    if cfg.get("bos"):
        b = bos_token(cfg)
        tok["added_tokens"] = [{"id": vocab[b], "content": b, "single_word": False, "lstrip": False,
                                "rstrip": False, "normalized": False, "special": True}]
        tok["post_processor"] = {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": b, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": b, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": b, "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {b: {"id": b, "ids": [vocab[b]], "tokens": [b]}},
        }
    return tok


def write_rotary_files(cfg, out, stored, W):
    """config.json, tokenizer.json and the weights: model.safetensors, or cfg["shards"] files
    model-0000i-of-0000n.safetensors (whole layers, in state-dict order) with model.safetensors.index.json
    ({"metadata": {"total_size": tensor bytes}, "weight_map": {name: file}}, sorted keys, as transformers writes it)."""
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(rotary_config(cfg), f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump(rotary_tokenizer(cfg), f, indent=2)
        f.write("\n")
    n = cfg.get("shards", 1)
    if n == 1:
        files = {"model.safetensors": dict(stored)}
    else:
        def layer_of(k):
            parts = k.split(".")
            return int(parts[parts.index("layers") + 1]) if "layers" in parts else None
        L = cfg["L"]
        files = {"model-%05d-of-%05d.safetensors" % (i + 1, n): {} for i in range(n)}
        names = list(files)
        for k, v in stored.items():
            l = layer_of(k)
            # embeddings go with the first layers, the final norm (and an untied head) with the last
            i = 0 if (l is None and "embed" in k) else (n - 1 if l is None else l * n // L)
            files[names[i]][k] = v
        index = {"metadata": {"total_size": sum(len(tensor_bytes(v)) for v in stored.values())},
                 "weight_map": {k: fn for fn, ts in files.items() for k in ts}}
        with open(os.path.join(out, "model.safetensors.index.json"), "w") as f:
            json.dump(index, f, indent=2, sort_keys=True)
            f.write("\n")
    back = {}
    for fn, ts in files.items():
        assert ts, "empty shard " + fn
        write_safetensors(os.path.join(out, fn), ts)
        part = read_safetensors(os.path.join(out, fn))  # verify the writer with an independent reader
        assert set(part) == set(ts) and not set(part) & set(back)
        back.update(part)
    assert set(back) == set(W)
    for k, v in W.items():
        assert torch.equal(back[k], v), k


def check_modes_matter(W, cfg, tc, plain_c):
    """Each family feature must change the logits, so that an engine that skips or misreads it fails the fixture:
    the wrong reading of the same weights gives logits at least 1e-2 away."""
    def differs(**change):
        with torch.no_grad():
            return (plain_forward(W, dict(cfg, **change), tc) - plain_c).abs().max().item() > 1e-2
    # rotary is a rotation: norms kept, and the same q and k vectors at positions i, j score by i - j alone
    P, dh, rot = tc.shape[1], head_dim(cfg), rotary_dims(cfg)
    cos, sin = rope_cos_sin(cfg, P)
    g = torch.Generator().manual_seed(cfg["seed"] + 4)
    q, k = (torch.randn(dh, generator=g, dtype=torch.float64).expand(P, dh) for _ in range(2))
    qr, kr = apply_rope(q, cos, sin, rot), apply_rope(k, cos, sin, rot)
    assert (qr.norm(dim=-1) - q.norm(dim=-1)).abs().max() < 1e-12
    # and it turns each pair (x_i, x_{i+rot/2}) by +t*inv_freq[i]: as complex numbers, (x1 + i x2) * e^(i t f)
    t = torch.arange(P, dtype=torch.float64)[:, None]
    turned = torch.complex(q[:, :rot // 2], q[:, rot // 2:rot]) * torch.exp(1j * t * rope_inv_freq(cfg)[None, :])
    assert (torch.cat((turned.real, turned.imag, q[:, rot:]), -1) - qr).abs().max() < 1e-12
    dots = qr @ kr.T
    for i in range(P):
        for j in range(P):
            assert abs(dots[i, j] - dots[i - j, 0] if i >= j else dots[i, j] - dots[0, j - i]) < 1e-12
    assert differs(rope_interleaved=True), "rotate_half vs interleaved pairs"
    if cfg.get("rope_scaling"):
        branches = {}
        rope_inv_freq(cfg, branches)
        assert branches.get("kept") and branches.get("smoothed") and branches.get("divided"), branches
        assert differs(rope_scaling=None), "llama3 rope scaling"
    if kv_heads(cfg) not in (1, cfg["H"]):
        assert differs(kv_tiled=True), "repeat_kv: query head h uses KV head h // n_rep, not h % KV"
    if cfg["arch"] == "qwen2":
        assert differs(no_qkv_bias=True), "q/k/v biases"
    if cfg["arch"] == "gemma2":
        for change in ("no_window", "no_attn_softcap", "no_final_softcap", "no_post_norm", "plain_gain", "no_embed_scale"):
            assert differs(**{change: True}), change
        assert differs(query_pre_attn_scalar=head_dim(cfg)), "query_pre_attn_scalar"
    if cfg["arch"] == "gemma3":
        for change in ("no_window", "no_post_norm", "plain_gain", "no_embed_scale", "no_qk_norm", "one_rope"):
            assert differs(**{change: True}), change
        assert differs(rope_factor=1.0), "the global layers' linear rope scaling"
        assert differs(pattern=2), "sliding_window_pattern"
    if cfg["arch"] == "olmo2":
        for change in ("no_post_norm", "no_post_mlp_norm", "pre_norm", "no_qk_norm", "per_head_qk_norm"):
            assert differs(**{change: True}), change
    if cfg["arch"] == "qwen3":
        assert differs(no_qk_norm=True), "per-head q/k RMSNorm"
    if any(layer_windows(cfg)):
        assert differs(no_window=True), "sliding window"
        assert max(len(s) for s in tc.tolist()) > max(layer_windows(cfg))
    if cfg["arch"] == "gpt_neox":
        assert differs(parallel=not cfg["parallel"]), "parallel vs sequential residual"
        assert differs(rotary_pct_override=1.0), "partial rotary"
        assert differs(qkv_blocks=True), "query_key_value's per-head [q|k|v] layout"


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

    gpt2 = cfg.get("arch", "gpt2") == "gpt2"
    stored, W = make_weights(cfg) if gpt2 else make_rotary_weights(cfg)

    # --- files --------------------------------------------------------------
    if gpt2:
        write_gpt2_files(cfg, out, stored, W)
    else:
        write_rotary_files(cfg, out, stored, W)
    with open(os.path.join(out, "prompts.jsonl"), "w") as f:
        for pr in prompts:
            f.write(json.dumps(pr) + "\n")

    # --- reference numbers ---------------------------------------------------
    bos = [vocab_of(cfg)[bos_token(cfg)]] if cfg.get("bos") else []
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
    if not gpt2:
        check_modes_matter(W, cfg, tc, plain_c)
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
    parallel = bool(cfg.get("parallel"))
    edges = graph_edges(L, H, attn_only, parallel)
    up_names, down_names = graph_nodes(L, H, attn_only)
    n_edges = len(edges)
    mlp = 0 if attn_only else 1
    assert n_edges == edge_count_formula(L, H, attn_only, parallel)
    assert len(up_names) == 1 + L * (H + mlp) and len(down_names) == L * (3 * H + mlp) + 1
    scores = {}
    delta = {u: (corr_ups[u] - clean_ups[u]).detach() for u in up_names}
    # post-norms on the attention: Gemma's sandwich blocks, OLMo-2's post-norm blocks
    sandwich = cfg.get("arch") in SANDWICH or cfg.get("arch") == "olmo2"
    post_math = olmo2_math if cfg.get("arch") == "olmo2" else gemma2_math
    # what EAP dots with the gradient at a receiver: d/dlambda at 0 of what patching u by lambda adds to its input
    # (delta_u itself, but for a head under a post-norm the norm's Jacobian at the clean sum times delta_u)
    eff = {u: post_math.eap_delta(W, cfg, clean_ups, u, delta[u]) if sandwich else delta[u] for u in up_names}

    def patched(u, lam):
        return post_math.patch_change(W, cfg, clean_ups, u, lam * delta[u]) if sandwich else lam * delta[u]
    for u, v in edges:
        g = downs[v].grad
        scores["%s->%s" % (u, v)] = (eff[u] * g).sum().item()

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
        edge_sc = {"%s->%s" % (u, v): (eff[u] * grad_down[v]).sum().item() for u, v in edges}
        if sandwich:
            # the mean gradient of several runs is no one run's gradient at u: the node level is the sum of u's out-edges
            return edge_sc, {u: sum(edge_sc["%s->%s" % (u2, v)] for u2, v in edges if u2 == u) for u in up_names}
        return edge_sc, {u: (delta[u] * grad_up[u]).sum().item() for u in up_names}

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
                lg, _, _ = explicit_forward(W, cfg, tc, perturb={v: a * eff[u]})
                fd.append(metric_per_prompt(lg, last, prompts, metric).mean().item())
            fdv = (fd[0] - fd[1]) / (2 * h)
            s = scores["%s->%s" % (u, v)]
            assert abs(fdv - s) <= 1e-6 * max(1.0, abs(s)), (u, v, fdv, s)
            if sandwich:
                # and the score is the derivative at lambda = 0 of the edge's exact patching curve
                curve = [metric_per_prompt(explicit_forward(W, cfg, tc, perturb={v: patched(u, lam)})[0], last, prompts,
                                           metric).mean().item() for lam in (h, -h)]
                slope = (curve[0] - curve[1]) / (2 * h)
                assert abs(slope - s) <= 1e-6 * max(1.0, abs(s)), (u, v, slope, s)
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
            lg, _, _ = explicit_forward(W, cfg, tc, perturb={v: patched(u, 1.0)})
            patch_all["%s->%s" % (u, v)] = metric_per_prompt(lg, last, prompts, metric).mean().item() - Lval.item()
        curve_gen = torch.Generator().manual_seed(cfg["seed"] + 2)
        for idx in sorted(set(torch.randperm(n_edges, generator=curve_gen)[:6].tolist() + [0, n_edges - 1])):
            u, v = edges[idx]
            row = []
            for lam in lambdas:
                lg, _, _ = explicit_forward(W, cfg, tc, perturb={v: patched(u, lam)})
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
        **({} if gpt2 else {"architecture": cfg["arch"], "n_kv_head": kv_heads(cfg), "head_dim": head_dim(cfg),
                            "rotary_dims": rotary_dims(cfg), "parallel_attn_mlp": parallel,
                            "rope_inv_freq": rope_inv_freq(cfg).tolist()}),
        **({"sliding_windows": layer_windows(cfg)} if any(layer_windows(cfg)) else {}),
        **({"qk_norm": "per_head"} if qk_norm(cfg) else {}),
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
    if not gpt2:
        with torch.no_grad():
            f32 = (plain_forward(W, dict(cfg, inv_freq_float32=True), tc) - plain_c).abs().max().item()
        print("   KV=%d head_dim=%d rotary_dims=%d parallel=%s tie=%s; inv_freq rounded to float32 (as transformers "
              "computes it) moves the logits by %.2e" % (kv_heads(cfg), head_dim(cfg), rotary_dims(cfg), parallel,
                                                          cfg.get("tie", False), f32))
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

## Llama, Qwen2 and GPT-NeoX models (`tiny-llama`, `tiny-qwen2`, `tiny-neox`, `tiny-neox-sequential`)

Random-weight models in each family's exact Hugging Face layout (config.json keys, safetensors names and
shapes, `nn.Linear` weights stored [out, in]), with the same `prompts.jsonl` and `reference.json` schema as the
GPT-2 fixtures, plus `architecture`, `n_kv_head`, `head_dim`, `rotary_dims`, `parallel_attn_mlp` and
`rope_inv_freq` (the rotary frequencies after any rope scaling, float64).

| model | class | layers | heads | KV heads | d_model | head_dim | rotary dims | MLP | vocab | dtype | unembedding | edges | metric |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| tiny-llama | `LlamaForCausalLM` | 2 | 4 | 2 | 32 | 8 | 8 | SwiGLU 64 | 42 | F32 | untied `lm_head.weight` | 110 | logit_diff |
| tiny-qwen2 | `Qwen2ForCausalLM` | 2 | 4 | 1 | 32 | 8 | 8 | SwiGLU 64 | 41 | BF16, 2 shards | tied to `model.embed_tokens.weight` | 110 | prob_diff (lists) |
| tiny-neox | `GPTNeoXForCausalLM` | 2 | 4 | 4 | 32 | 8 | 4 (`rotary_pct` 0.5) | GELU 64, parallel | 41 | F32 | untied `embed_out.weight` | 102 | logit_diff |
| tiny-neox-sequential | `GPTNeoXForCausalLM` | 3 | 2 | 2 | 32 | 16 | 4 (`rotary_pct` 0.25) | GELU 64, sequential | 41 | F32 | untied `embed_out.weight` | 100 | logit_diff |

- `tiny-llama`: RMSNorm (`rms_norm_eps` 1e-5), no biases, `rope_theta` 10000 with Llama 3's `rope_scaling`
  `{"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
  "original_max_position_embeddings": 160}` (`max_position_embeddings` 1280). Its four frequencies
  1, 0.1, 0.01, 0.001 (wavelengths 6.3, 63, 628, 6283) take all three branches of the llama3 rule: kept
  (wavelength < 160/4), smoothed (between 160/4 and 160/1: s = (160/62.83 − 1)/3), divided by 8 (> 160).
  `head_dim` is in config.json. The tokenizer adds `<s>` (id 41, `bos_token_id`) in front of every sequence
  the way Llama's tokenizer.json does (an added special token and a `TemplateProcessing` post_processor);
  `tokens` in reference.json include it.
- `tiny-qwen2`: as Llama with q/k/v biases (`o_proj` has none), `rope_theta` 1000000.0, `rms_norm_eps` 1e-6,
  `"rope_scaling": null`, no `head_dim` key (hidden_size / heads), one KV head serving all four query heads,
  BF16 weights (reference from the rounded values), stored as `model-00001-of-00002.safetensors` (embeddings,
  layer 0), `model-00002-of-00002.safetensors` (layer 1, final norm) and `model.safetensors.index.json`
  (`{"metadata": {"total_size": <tensor bytes>}, "weight_map": {name: file}}`). No BOS: config.json's
  `bos_token_id` (0) is not prepended, as with Qwen2.
- `tiny-neox` (Pythia): LayerNorm with biases (`layer_norm_eps` 1e-5), fused `attention.query_key_value`
  [3d, d] whose output is per head [q | k | v] of head_size each (row h·3·hs + j·hs + e), partial rotary on the
  first `rotary_dims` of each head, `use_parallel_residual` true (x + attn(ln1(x)) + mlp(ln2(x))),
  `attention.dense`, `mlp.dense_h_to_4h`, `mlp.dense_4h_to_h` with biases, `hidden_act` "gelu" (erf), names
  under `gpt_neox.`; config.json keys exactly as Pythia's (`rotary_pct`, `rotary_emb_base` 10000).
- `tiny-neox-sequential`: `use_parallel_residual` false, `rotary_emb_base` 1000, and also the keys newer
  transformers versions write beside the old ones (`rope_theta`, `partial_rotary_factor`, `attention_bias`,
  dropouts, `"rope_scaling": null`).

Weights: matrices N(0,0.3), norm weights 1+N(0,0.1), biases N(0,0.1) (Qwen2's q/k/v biases N(0,0.3)),
embeddings and unembedding N(0,1) (tiny-qwen2: N(0,0.5), so that prob_diff is not saturated).
Rotary: positions 0..P−1 in every row; inv_freq[i] = theta^(−2i/rotary_dims); cos/sin of
cat(freqs, freqs); q' = q·cos + rotate_half(q)·sin with rotate_half(x) = cat(−x2, x1) over the rotary dims
(split halves, not interleaved pairs); the remaining dims pass. Scores q·k/√head_dim. The reference computes
inv_freq in float64 (transformers does it in float32: that moves these fixtures' logits by at most 6e-7).
Tokens, padding, metrics and every `reference.json` key as for GPT-2 above.

Graph: the same node names. `a{l}.h{h}` is head h's output z_h @ W_O[:, h]^T, without the output projection's
bias (GPT-NeoX's `attention.dense.bias` is a constant of the residual stream, as GPT-2's `c_proj` bias is);
`m{l}` is the MLP's output with its biases. With grouped-query attention every query head has its own
`<k>` and `<v>` receivers (EAP-IG's `ungroup_grouped_query_attention`): `a{l}.h{h}<k>` is norm(its own copy)
@ W_k[KV head ⌊h / n_rep⌋]^T (+ bias), rotated. In a parallel block `m{l}` reads the layer's input, so it has
no edge from `a{l}.*` (EAP-IG's `parallel_attn_mlp`). Edge counts (L layers, H query heads):
sequential Σ_l [3H·(1 + l(H+1)) + (1 + l(H+1) + H)] + (1 + L(H+1)); parallel: the MLP term is 1 + l(H+1);
attention-only Σ_l 3H·(1 + lH) + (1 + LH). The script asserts each fixture's count against them.

Checks made by the script for these fixtures, besides the GPT-2 ones (explicit graph = plain forward to 1e-10,
padding, finite differences): the plain forward is batched the way the transformers modules compute (one
projection, a view into heads, repeat_kv) and the explicit one per head, so each checks the other's head
layout; rotary keeps norms, makes scores depend on i − j only and equals turning each pair (x_i, x_{i+r/2}),
read as the complex number x_i + i·x_{i+r/2}, by +t·inv_freq[i]; and each family feature moves the logits
by more than 1e-2 when read the wrong way (rotate_half vs interleaved pairs, no llama3 scaling, KV head h mod KV
instead of ⌊h / n_rep⌋, no q/k/v biases, parallel vs sequential, rotary on the whole head, query_key_value read
as [all q | all k | all v]).

## Qwen3, Mistral and a sliding Qwen2 (`tiny-qwen3`, `tiny-mistral`, `tiny-qwen2-sliding`; issue 27)

The same layout, `prompts.jsonl` and `reference.json` schema as the Llama/Qwen2 fixtures; `reference.json` also has
`sliding_windows` (each layer's window, 0 for full attention) where a layer slides and `qk_norm` ("per_head") for Qwen3.

| model | class | layers | heads | KV heads | d_model | head_dim | windows | vocab | dtype | unembedding | edges | metric |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
| tiny-qwen3 | `Qwen3ForCausalLM` | 2 | 4 | 2 | 32 | 16 (config.json `head_dim`, ≠ 32/4) | none | 41 | F32 | tied | 110 | logit_diff |
| tiny-mistral | `MistralForCausalLM` | 2 | 4 | 2 | 32 | 8 | 4, 4 (`sliding_window` 4) | 42 | F32 | untied `lm_head.weight` | 110 | logit_diff |
| tiny-qwen2-sliding | `Qwen2ForCausalLM` | 2 | 4 | 2 | 32 | 8 | 0, 3 (`use_sliding_window`, `max_window_layers` 1) | 41 | F32 | untied | 110 | logit_diff |

- `tiny-qwen3`: per-head RMSNorm of q and k (`self_attn.q_norm.weight`, `self_attn.k_norm.weight`, [head_dim],
  weights 1+N(0,0.1), eps `rms_norm_eps` 1e-6) after the projection and before rotary; q_proj [64, 32], k/v_proj
  [32, 32], o_proj [32, 64]; no biases (`attention_bias` false); `rope_theta` 1e6; config.json keys as Qwen3-0.6B's.
- `tiny-mistral`: Llama without biases, `sliding_window` 4 on every layer, "<s>" (id 41) prepended by the tokenizer
  as Llama's; prompts of 4 to 10 tokens, so five of seven are longer than the window. Config keys as Mistral-7B-v0.1's.
- `tiny-qwen2-sliding`: Qwen2 (q/k/v biases) with `use_sliding_window` true, `sliding_window` 3, `max_window_layers`
  1: layer 1 slides (layers i >= max_window_layers), layer 0 does not.
- Window rule (transformers' masking_utils): query i reads key j when j <= i and j > i − W, W positions with its own.

The script checks, besides the checks above, that q/k norms and windows each move the logits by more than 1e-2 when
left out, and that some prompt is longer than the window.

## Gemma-2 and Gemma-3 (`tiny-gemma2`, `tiny-gemma3`; issue 27)

The equations are in `tools/oracle/gemma2_math.py` (read from transformers' modular_gemma2.py and modular_gemma3.py;
the file's docstring lists them). Same `prompts.jsonl` and `reference.json` schema as above.

| model | class | layers | heads | KV heads | d_model | head_dim | windows | vocab | dtype | unembedding | edges | metric |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
| tiny-gemma2 | `Gemma2ForCausalLM` | 2 | 4 | 2 | 32 | 16 | 4, 0 (Gemma2Config's default pattern) | 41 | BF16 | tied | 110 | logit_diff |
| tiny-gemma3 | `Gemma3ForCausalLM` | 3 | 4 | 1 | 32 | 16 | 3, 3, 0 (`sliding_window_pattern` 3) | 41 | F32 | tied | 262 | logit_diff |

- Both: four RMSNorms a block scaling by 1 + w (w N(0, 0.1)), the attention's and the MLP's outputs normalised before
  the residual stream; the embedding × √32; gated GELU (tanh) MLP; scores × `query_pre_attn_scalar`^−½ (12 for
  tiny-gemma2, not head_dim; 16 for tiny-gemma3); `rms_norm_eps` 1e-6; embeddings N(0, 0.5).
- `tiny-gemma2`: `attn_logit_softcapping` 5 and `final_logit_softcapping` 8 (low, so that both bend the numbers);
  `rope_theta` 1e4; config.json keys as Gemma-2-2B's.
- `tiny-gemma3`: per-head q/k norms (1 + w, [head_dim]) after the projection, before rotary; no soft-capping (null);
  `rope_parameters` per layer type as transformers v5 writes it: the global layer `linear` with factor 4 on
  `rope_theta` 1e6, the sliding layers `default` on 1e4; config.json keys as Gemma-3-1B's otherwise.
- The graph under the post-attention norm (README, "The graph under post-norms"): a head's node output is z_h·W_O[h]
  before the norm; a receiver reads each earlier layer's attention as post_norm(S), S the sum of that layer's head
  outputs as it receives them (kept edges this run's, the others the corrupted run's). `scores`: for a head,
  (J(S_clean)·Δu)·∂L/∂v, the norm's Jacobian at the clean sum by autograd on the norm alone; `patching`: v's input
  moves by post_norm(S_clean + λΔu) − post_norm(S_clean); the script checks that each sampled score is the slope at
  λ = 0 of that curve (central differences) as well as the directional derivative. `methods`' node scores are the
  sums of each node's out-edges (the mean gradient of several runs is no one run's gradient at u).

The script checks, besides the checks above, that every Gemma feature (windows, both soft-caps, the post-norms, the
1 + w gains, the embedding scale, `query_pre_attn_scalar`, q/k norms, the two rotary bases, the global layers' scaling,
the layer pattern) moves the logits by more than 1e-2 when left out or misread.

## OLMo-2 (`tiny-olmo2`; issue 27)

The equations are in `tools/oracle/olmo2_math.py` (read from transformers' modeling_olmo2.py and configuration_olmo2.py;
the file's docstring lists them). Same `prompts.jsonl` and `reference.json` schema as above.

| model | class | layers | heads | KV heads | d_model | head_dim | MLP | vocab | dtype | unembedding | edges | metric |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
| tiny-olmo2 | `Olmo2ForCausalLM` | 2 | 4 | 2 | 32 | 8 | SwiGLU 64 | 41 | F32 | untied `lm_head.weight` | 110 | logit_diff |

- No norm before attention or the MLP: q/k/v and the MLP read the residual stream itself; `post_attention_layernorm`
  and `post_feedforward_layernorm` (RMSNorms scaling by w, N(1, 0.1)) normalise their outputs before the residual
  stream; `self_attn.q_norm` [H·head_dim] and `self_attn.k_norm` [KV·head_dim] (N(1, 0.3)) normalise q and k over the
  whole projection before rotary; no `head_dim` key (hidden_size / heads); `rope_theta` 5e5, `rms_norm_eps` 1e-6;
  config.json keys as OLMo-2-0425-1B's.
- The graph: the post-norms as Gemma's (above). The whole-width q/k norms: each q/k/v receiver projects its own copy of
  the residual stream into its own head's slice; the layer's norm is taken over the slices as the heads computed them
  (k over every query head's copy of its KV head's k, H·head_dim wide, its gain that KV head's), so a patch of one
  head's q or k input moves every head's q or k of the layer. Where the heads of a KV group read the same input that
  mean equals transformers' over the KV·head_dim stored k exactly (the script checks explicit against plain forward).

The script checks that each OLMo-2 feature (both post-norms, the absence of input norms, the q/k norms, their width over
the whole projection rather than per head) moves the logits by more than 1e-2 when left out or misread.

## `attention-variants.json`

tiny-llama's weights under AttentionDesign's settings no family of these fixtures uses, each alone and all together:
`attn_scale` (scores × it instead of 1/√head_dim), `softcap` (c·tanh(s/c) before the mask), `windows` (per layer),
`local_rope_theta` (the window layers rotate with their own base, default rope, no scaling). `tokens` (clean prompts,
"<s>" included) and per variant `logits_last` (float64, each prompt's last token). Each variant moves the logits by
more than 1e-2.

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


ATTENTION_VARIANTS = [
    # AttentionDesign's fields no family of this script sets, applied to tiny-llama's weights: logits of every clean
    # prompt at its last token. Each variant alone, then all together.
    {"name": "scale", "attn_scale": 0.2},
    {"name": "softcap", "softcap": 2.0},
    {"name": "windows", "windows": [3, 0]},
    {"name": "local-rotary", "windows": [0, 4], "local_rope_theta": 100.0},
    {"name": "all", "attn_scale": 0.5, "softcap": 3.0, "windows": [2, 5], "local_rope_theta": 50.0},
    # OLMo-2's q/k norms over the whole projection (modular_olmo2.py: q_norm = RMSNorm(H*head_dim) on q_proj's output,
    # k_norm = RMSNorm(KV*head_dim) on k_proj's, before the view into heads and rotary), gains in tiny-llama-qk-whole/
    {"name": "qk-norm-whole", "qk_norm_whole": True},
]


def build_attention_variants():
    """attention-variants.json: tiny-llama's last-token logits under each variant (float64, the plain forward)."""
    cfg = next(c for c in MODELS if c["name"] == "tiny-llama")
    _, W = make_rotary_weights(cfg)
    prompts = PROMPTS["tiny-llama"]
    bos = [vocab_of(cfg)[bos_token(cfg)]]
    ids = [bos + tokenize(p["clean"]) for p in prompts]
    last = [len(s) - 1 for s in ids]
    tc = pad(ids)
    out = {"model": "tiny-llama", "tokens": ids, "variants": []}
    # the whole-projection q/k norms' gains, 1+N(0,0.1), written with tiny-llama's weights under OLMo-2's names
    g = torch.Generator().manual_seed(cfg["seed"] + 27)
    H, KV, dh = cfg["H"], kv_heads(cfg), head_dim(cfg)
    gains = {"q": [torch.randn(H * dh, generator=g, dtype=torch.float64) * 0.1 + 1.0 for _ in range(cfg["L"])],
             "k": [torch.randn(KV * dh, generator=g, dtype=torch.float64) * 0.1 + 1.0 for _ in range(cfg["L"])]}
    gains = {w: [t.to(torch.float32).to(torch.float64) for t in ts] for w, ts in gains.items()}
    whole_dir = os.path.join(FIXTURES, "tiny-llama-qk-whole")
    os.makedirs(whole_dir, exist_ok=True)
    stored, _ = make_rotary_weights(cfg)
    for l in range(cfg["L"]):
        stored["model.layers.%d.self_attn.q_norm.weight" % l] = gains["q"][l].to(torch.float32)
        stored["model.layers.%d.self_attn.k_norm.weight" % l] = gains["k"][l].to(torch.float32)
    write_safetensors(os.path.join(whole_dir, "model.safetensors"), stored)
    with open(os.path.join(whole_dir, "config.json"), "w") as f:
        json.dump(rotary_config(cfg), f, indent=2)
        f.write("\n")
    with torch.no_grad():
        base = rotary_plain_forward(W, cfg, tc)
        for v in ATTENTION_VARIANTS:
            change = {k: x for k, x in v.items() if k != "name"}
            if change.get("qk_norm_whole"):
                change["qk_norm_whole"] = gains
            logits = rotary_plain_forward(W, dict(cfg, **change), tc)
            moved = (logits - base).abs().max().item()
            assert moved > 1e-2, (v["name"], moved)  # each variant must matter
            out["variants"].append(dict(v, logits_last=[logits[i, last[i]].tolist() for i in range(len(ids))]))
        # the whole-projection norm is not the per-head one: the same gains read per head give other logits
        per_head = dict(cfg, arch="qwen3")
        Wp = dict(W)
        for l in range(cfg["L"]):
            Wp["model.layers.%d.self_attn.q_norm.weight" % l] = gains["q"][l][:dh]
            Wp["model.layers.%d.self_attn.k_norm.weight" % l] = gains["k"][l][:dh]
        whole = rotary_plain_forward(W, dict(cfg, qk_norm_whole=gains), tc)
        assert (rotary_plain_forward(Wp, per_head, tc) - whole).abs().max().item() > 1e-2
        if True:  # local rotary must differ from the same windows with the global rotary
            v = ATTENTION_VARIANTS[3]
            same = rotary_plain_forward(W, dict(cfg, windows=v["windows"]), tc)
            local = rotary_plain_forward(W, dict(cfg, windows=v["windows"], local_rope_theta=v["local_rope_theta"]), tc)
            assert (same - local).abs().max().item() > 1e-2
    with open(os.path.join(FIXTURES, "attention-variants.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def main():
    # --only NAME ... (or --only A --only B): rebuild just those fixtures (the others' files stay as they are)
    only = [a for a in sys.argv[sys.argv.index("--only") + 1:] if a != "--only"] if "--only" in sys.argv else None
    names = [cfg["name"] for cfg in MODELS]
    for n in only or []:
        assert n in names + ["attention-variants"], "no fixture %r (have %s)" % (n, ", ".join(names))
    os.makedirs(FIXTURES, exist_ok=True)
    for cfg in MODELS:
        if only is None or cfg["name"] in only:
            build(cfg)
    if only is None or "attention-variants" in only:
        build_attention_variants()
    with open(os.path.join(FIXTURES, "README.md"), "w") as f:
        f.write(README)


if __name__ == "__main__":
    main()
