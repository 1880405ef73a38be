#!/usr/bin/python3
"""PyTorch timing reference for docs/BENCHMARKS.md.

Run:  /usr/bin/python3 tools/oracle/bench_reference.py [--threads 2] [--runs 5] [--batch-size 100]

GPT-2-small-shaped model (L=12, H=12, d=768, vocab 50257, n_positions 1024) with random float32
weights built directly as tensors; 100 prompt pairs of 15 random token ids (corrupted differs
in 2 positions); logit-difference metric at the last position.

(a) plain forward of the 100 clean prompts under torch.inference_mode (fused qkv, full logits).
(b) one full EAP pass the way EAP-IG / acdcpp do it on a TransformerLens model with
    use_split_qkv_input + use_attn_result: corrupted forward (no grad) caching the 157 upstream
    node outputs into an activation-difference tensor, clean forward+backward with hooks that
    capture the gradient at each of the 445 downstream inputs (per-head q/k/v copies of the
    residual, MLP input, ln_final input), then scores = einsum over [B,P,157,d] x [B,P,445,d]
    -> [157,445], masked to the 32,491 edges.
Prints one JSON line: medians in ms, threads, peak RSS.
"""
import argparse
import json
import math
import os
import re
import resource
import statistics
import sys
import time


def _pre_threads(default=2):
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return str(default)


if __name__ == "__main__":
    # OpenBLAS (pthread build, used by Debian's torch) has its own thread pool: pin it too.
    for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_v] = _pre_threads()

import torch  # noqa: E402

L, H, D, V, NPOS = 12, 12, 768, 50257, 1024
DH = D // H
EPS = 1e-5


def make_model(gen):
    def n(*shape, std=0.02):
        return torch.randn(*shape, generator=gen) * std

    W = {"wte": n(V, D), "wpe": n(NPOS, D, std=0.01), "lnf_w": 1 + n(D, std=0.1), "lnf_b": n(D)}
    W["layers"] = []
    for _ in range(L):
        W["layers"].append(dict(
            ln1_w=1 + n(D, std=0.1), ln1_b=n(D), c_attn_w=n(D, 3 * D), c_attn_b=n(3 * D),
            c_proj_w=n(D, D), c_proj_b=n(D), ln2_w=1 + n(D, std=0.1), ln2_b=n(D),
            fc_w=n(D, 4 * D), fc_b=n(4 * D), proj_w=n(4 * D, D), proj_b=n(D)))
    # TransformerLens-style per-head views, [H, d, dh] and [H, dh, d]
    for lw in W["layers"]:
        wq, wk, wv = lw["c_attn_w"].split(D, -1)
        lw["W_Q"] = wq.view(D, H, DH).permute(1, 0, 2).contiguous()
        lw["W_K"] = wk.view(D, H, DH).permute(1, 0, 2).contiguous()
        lw["W_V"] = wv.view(D, H, DH).permute(1, 0, 2).contiguous()
        bq, bk, bv = lw["c_attn_b"].split(D)
        lw["b_Q"], lw["b_K"], lw["b_V"] = bq.view(H, DH), bk.view(H, DH), bv.view(H, DH)
        lw["W_O"] = lw["c_proj_w"].view(H, DH, D).contiguous()
    return W


def all_params(W):
    out = [v for k, v in W.items() if k != "layers"]
    for lw in W["layers"]:
        out.extend(lw.values())
    return out


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def ln(x, w, b):
    return torch.nn.functional.layer_norm(x, (D,), w, b, EPS)


def causal_mask(P):
    return torch.ones(P, P, dtype=torch.bool).tril()


def plain_forward(W, tok):
    B, P = tok.shape
    mask = causal_mask(P)
    x = W["wte"][tok] + W["wpe"][:P]
    for lw in W["layers"]:
        a = ln(x, lw["ln1_w"], lw["ln1_b"])
        q, k, v = torch.addmm(lw["c_attn_b"], a.view(-1, D), lw["c_attn_w"]).view(B, P, 3, H, DH).unbind(2)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(DH)
        s = s.masked_fill(~mask, float("-inf"))
        z = (torch.softmax(s, -1) @ v).transpose(1, 2).reshape(B * P, D)
        x = x + torch.addmm(lw["c_proj_b"], z, lw["c_proj_w"]).view(B, P, D)
        m = ln(x, lw["ln2_w"], lw["ln2_b"])
        m = gelu_new(torch.addmm(lw["fc_b"], m.view(-1, D), lw["fc_w"]))
        x = x + torch.addmm(lw["proj_b"], m, lw["proj_w"]).view(B, P, D)
    return ln(x, W["lnf_w"], W["lnf_b"]) @ W["wte"].T


def graph_indices():
    """Upstream (157) and downstream (445) index layout + edge mask [157, 445]."""
    n_up = 1 + L * (H + 1)
    n_down = L * (3 * H + 1) + 1
    mask = torch.zeros(n_up, n_down, dtype=torch.bool)
    written = 1
    di = 0
    for _ in range(L):
        for _ in range(3 * H):
            mask[:written, di] = True
            di += 1
        written += H
        mask[:written, di] = True
        di += 1
        written += 1
    mask[:written, di] = True
    return n_up, n_down, mask


def split_forward(W, tok, act_diff, sign, grads=None):
    """TransformerLens-like forward with split qkv input and per-head results.

    Writes sign * upstream outputs into act_diff[:, :, u] (corrupted: +, clean: -).
    If grads is given, registers hooks that store dL/d(downstream input) into grads[:, :, v].
    """
    B, P = tok.shape
    mask = causal_mask(P)
    x = W["wte"][tok] + W["wpe"][:P]
    if grads is not None and not x.requires_grad:
        x.requires_grad_()  # weights are frozen: gradients flow only to activations
    ui, di = 0, 0

    def cache_up(t, idx):  # t: [B,P,d] or [B,P,k,d]
        with torch.no_grad():
            if t.dim() == 3:
                act_diff[:, :, idx] += sign * t
            else:
                act_diff[:, :, idx:idx + t.shape[2]] += sign * t

    def grad_hook(idx, k):
        def hook(g):
            if k is None:
                grads[:, :, idx] = g
            else:
                grads[:, :, idx:idx + k] = g.reshape(B, P, k, D)
        return hook

    cache_up(x, ui)
    ui += 1
    for lw in W["layers"]:
        # hook_q_input / hook_k_input / hook_v_input: [B,P,3,H,d] copies of the residual
        qkv_in = x[:, :, None, None, :].expand(B, P, 3, H, D)
        if grads is not None:
            qkv_in = qkv_in + 0.0  # materialise, like TL's einops.repeat
            qkv_in.register_hook(grad_hook(di, 3 * H))
        di += 3 * H
        a = ln(qkv_in, lw["ln1_w"], lw["ln1_b"])
        q = torch.einsum("bphd,hde->bphe", a[:, :, 0], lw["W_Q"]) + lw["b_Q"]
        k = torch.einsum("bphd,hde->bphe", a[:, :, 1], lw["W_K"]) + lw["b_K"]
        v = torch.einsum("bphd,hde->bphe", a[:, :, 2], lw["W_V"]) + lw["b_V"]
        s = torch.einsum("bqhe,bkhe->bhqk", q, k) / math.sqrt(DH)
        s = s.masked_fill(~mask, float("-inf"))
        z = torch.einsum("bhqk,bkhe->bqhe", torch.softmax(s, -1), v)
        result = torch.einsum("bqhe,hed->bqhd", z, lw["W_O"])  # hook_result [B,P,H,d]
        cache_up(result, ui)
        ui += H
        x = x + result.sum(2) + lw["c_proj_b"]
        mlp_in = x
        if grads is not None:
            mlp_in = x + 0.0  # hook_mlp_in
            mlp_in.register_hook(grad_hook(di, None))
        di += 1
        m = ln(mlp_in, lw["ln2_w"], lw["ln2_b"])
        m = gelu_new(torch.addmm(lw["fc_b"], m.view(-1, D), lw["fc_w"]))
        mlp_out = torch.addmm(lw["proj_b"], m, lw["proj_w"]).view(B, P, D)
        cache_up(mlp_out, ui)
        ui += 1
        x = x + mlp_out
    if grads is not None:
        x = x + 0.0  # ln_final.hook_in
        x.register_hook(grad_hook(di, None))
    return ln(x, W["lnf_w"], W["lnf_b"]) @ W["wte"].T


def logit_diff(logits, ans, dis):
    last = logits[:, -1]
    r = torch.arange(last.shape[0])
    return last[r, ans] - last[r, dis]


def eap_pass(W, clean, corr, ans, dis, batch_size, n_total, mask):
    n_up, n_down = mask.shape
    scores = torch.zeros(n_up, n_down)
    for s in range(0, clean.shape[0], batch_size):
        c, r = clean[s:s + batch_size], corr[s:s + batch_size]
        a, d = ans[s:s + batch_size], dis[s:s + batch_size]
        B, P = c.shape
        act_diff = torch.zeros(B, P, n_up, D)
        grads = torch.zeros(B, P, n_down, D)
        with torch.no_grad():
            split_forward(W, r, act_diff, +1.0)
        logits = split_forward(W, c, act_diff, -1.0, grads)
        metric = logit_diff(logits, a, d).sum() / n_total  # mean over all prompts
        metric.backward()
        del logits
        scores += torch.einsum("bpud,bpvd->uv", act_diff, grads)
        for t in all_params(W):
            t.grad = None
        del act_diff, grads
    return scores * mask


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--prompts", type=int, default=100)
    ap.add_argument("--seq", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--param-grads", action="store_true",
                    help="weights require grad (TransformerLens default, also computes weight gradients); "
                         "default: frozen weights, only activation gradients")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    cfg = torch.__config__.show()
    blas = [l.strip(" -") for l in cfg.splitlines() if re.search(r"MKL|OpenMP|CPU capability", l)
            and "Build settings" not in l]
    blas += re.findall(r"(?:BLAS_INFO|LAPACK_INFO|USE_MKLDNN|USE_OPENMP)=[^,]*", cfg)
    # which BLAS shared library is actually mapped ("generic" = libblas.so.3 via alternatives)
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as f:
        libs = sorted({l.split()[-1] for l in f if re.search(r"blas|lapack|mkl", l.split()[-1], re.I)})
    blas += ["loaded: " + ", ".join(os.path.realpath(l) for l in libs)]
    print("# torch", torch.__version__, "| threads", torch.get_num_threads())
    for l in blas:
        print("#  ", l)

    gen = torch.Generator().manual_seed(args.seed)
    W = make_model(gen)
    N, P = args.prompts, args.seq
    clean = torch.randint(0, V, (N, P), generator=gen)
    corr = clean.clone()
    for i in range(N):
        pos = torch.randperm(P, generator=gen)[:2]
        corr[i, pos] = (clean[i, pos] + 1 + torch.randint(0, V - 1, (2,), generator=gen)) % V
    ans = torch.randint(0, V, (N,), generator=gen)
    dis = (ans + 1 + torch.randint(0, V - 1, (N,), generator=gen)) % V
    if args.param_grads:
        for t in all_params(W):
            t.requires_grad_()
    n_up, n_down, mask = graph_indices()
    assert int(mask.sum()) == 32491 and (n_up, n_down) == (157, 445)

    nc = min(4, N)
    with torch.inference_mode():
        ref_logits = plain_forward(W, clean[:nc])
    with torch.no_grad():
        chk = split_forward(W, clean[:nc], torch.zeros(nc, P, n_up, D), 0.0)
    assert (ref_logits - chk).abs().max() < 1e-3, "split forward disagrees with plain forward"

    def time_it(fn):
        fn()  # warm-up
        ts = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            fn()
            ts.append((time.perf_counter() - t0) * 1000.0)
        return statistics.median(ts), ts

    def fwd():
        with torch.inference_mode():
            for s in range(0, N, args.batch_size):
                plain_forward(W, clean[s:s + args.batch_size])

    result = {}

    def eap():
        result["scores"] = eap_pass(W, clean, corr, ans, dis, args.batch_size, N, mask)

    fwd_med, fwd_all = time_it(fwd)
    eap_med, eap_all = time_it(eap)
    sc = result["scores"][mask]
    out = {
        "bench": "pytorch-reference", "torch": torch.__version__, "threads": torch.get_num_threads(),
        "blas": "; ".join(blas), "prompts": N, "seq_len": P, "batch_size": args.batch_size,
        "runs": args.runs, "edges": int(mask.sum()), "param_grads": args.param_grads,
        "forward_ms_median": round(fwd_med, 1), "forward_ms_all": [round(t, 1) for t in fwd_all],
        "eap_ms_median": round(eap_med, 1), "eap_ms_all": [round(t, 1) for t in eap_all],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "score_abs_max": float(sc.abs().max()), "score_sum": float(sc.sum()),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
