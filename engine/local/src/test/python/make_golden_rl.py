#!/usr/bin/python3
"""Writes the RL-loss and custom-loss fixtures under engine/local/src/test/resources/golden_rl/<case>/.

Run with Debian's /usr/bin/python3 (torch 1.13, numpy), after make_golden.py has written the models:

    /usr/bin/python3 engine/local/src/test/python/make_golden_rl.py [--out DIR]

It reuses two of make_golden.py's tiny models and their initial PEFT adapters as committed under
golden/<case>/ (read back, not regenerated), and the same float64 reference forward pass. For each
scenario it writes the data, the expected logprobs / elementwise_loss / loss_sum / clip_fraction, and
the LoRA gradients of loss_sum, for Tinker's importance_sampling, ppo, cispo and dro exactly as
TINKER.md §3 gives them, plus a DPO-style loss for forward_backward_custom (TINKER.md §3.7).
Every random number comes from a per-case torch.Generator, so re-running is byte-identical.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden as mg  # noqa: E402  (the reference model and the safetensors reader/writer)

torch.set_num_threads(1)

F64 = torch.float64
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.normpath(os.path.join(HERE, "..", "resources", "golden"))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden_rl"))
CASES = [("qwen3_tied", 2001), ("llama3_rope_scaling", 2003)]
TIE_MARGIN = 1e-4  # no ratio lies within this (relative) of a clip threshold: float32 cannot flip a decision
DPO_BETA = 0.5
MARGINS = []  # closest ratio-to-threshold distance per datum, printed


def f32(t):
    """Rounds to float32 values (what the Java side holds), kept as float64."""
    return t.to(torch.float32).to(F64)


def load_case(name):
    d = os.path.join(GOLDEN, name)
    cfg = json.load(open(os.path.join(d, "model", "config.json")))
    cfg = dict(cfg, head_dim=mg.head_dim(cfg))
    W = {k: v.to(F64) for k, v in mg.st_load(os.path.join(d, "model", "model.safetensors")).items()}
    ad = mg.st_load(os.path.join(d, "adapter", "adapter_model.safetensors"))
    shapes = mg.lora_shapes(cfg)
    A0 = {k: ad[k + ".lora_A.weight"].to(F64) for k in shapes}
    B0 = {k: ad[k + ".lora_B.weight"].to(F64) for k in shapes}
    return cfg, W, A0, B0, shapes


# ----------------------------------------------------------------------------------------------
# The losses, per datum, exactly as TINKER.md §3 (per-token inputs broadcast from (1,) per datum)
# ----------------------------------------------------------------------------------------------
def thresholds(d, config, n_shape):
    lo = torch.tensor(d["clip_low_threshold"], dtype=F64) if "clip_low_threshold" in d \
        else torch.tensor(config["clip_low_threshold"], dtype=F64)
    hi = torch.tensor(d["clip_high_threshold"], dtype=F64) if "clip_high_threshold" in d \
        else torch.tensor(config["clip_high_threshold"], dtype=F64)
    return lo.expand(n_shape), hi.expand(n_shape)


def elementwise(loss_fn, lp, d, config):
    q = torch.tensor(d["logprobs"], dtype=F64)
    adv = torch.tensor(d["advantages"], dtype=F64)
    if loss_fn == "importance_sampling":
        prob_ratio = torch.exp(lp - q)
        return -(prob_ratio * adv)
    if loss_fn == "ppo":
        lo, hi = thresholds(d, config, lp.shape)
        prob_ratio = torch.exp(lp - q)
        clipped_ratio = torch.clamp(prob_ratio, lo, hi)
        return -torch.min(prob_ratio * adv, clipped_ratio * adv)
    if loss_fn == "cispo":
        lo, hi = thresholds(d, config, lp.shape)
        prob_ratio = torch.exp(lp - q)
        clipped_ratio = torch.clamp(prob_ratio, lo, hi)
        return -(clipped_ratio.detach() * lp * adv)
    if loss_fn == "dro":
        quadratic_term = (lp - q) ** 2
        return -(lp * adv - 0.5 * config["beta"] * quadratic_term)
    raise ValueError(loss_fn)


def clip_counts(loss_fn, lp, d, config):
    """(clipped, counted): tokens with a non-zero advantage, and those whose ratio lies outside [lo, hi]."""
    lo, hi = thresholds(d, config, lp.shape)
    r = torch.exp(lp - torch.tensor(d["logprobs"], dtype=F64))
    counted = torch.tensor(d["advantages"], dtype=F64) != 0
    margin = torch.minimum((r - lo).abs() / lo.abs().clamp(min=1e-3), (r - hi).abs() / hi.abs())
    MARGINS.append(margin[counted].min().item())
    assert margin[counted].min().item() > TIE_MARGIN, "a ratio sits on a clip threshold; change the seed"
    clipped = ((r < lo) | (r > hi)) & counted
    return int(clipped.sum()), int(counted.sum())


# ----------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------
def rl_datums(cfg, W, init, g):
    """Three sequences with prompt positions (logprobs 0, advantage 0) and completions whose sampler
    logprobs sit near the learner's; advantages of both signs, constant per sequence as in GRPO
    except the second, which varies per token."""
    V = cfg["vocab_size"]
    out = []
    for n, prompt, adv in [(9, 3, 0.75), (12, 4, None), (6, 1, -1.25)]:
        seq = torch.randint(0, V, (n + 1,), generator=g).tolist()
        d = {"input": seq[:-1], "target_tokens": seq[1:]}
        with torch.no_grad():
            lp = mg.datum_logprobs(cfg, W, init, d)
        noise = torch.randn(n, generator=g, dtype=F64) * 0.3
        q = f32(lp + noise)
        q[:prompt] = 0.0
        a = torch.full((n,), adv, dtype=F64) if adv is not None else f32(torch.randn(n, generator=g, dtype=F64))
        a[:prompt] = 0.0
        d["logprobs"], d["advantages"] = q.tolist(), a.tolist()
        out.append(d)
    # one large ratio (> 4) and one small (< 0.25) so that cispo's defaults clip as well
    out[0]["logprobs"][5] = float(f32(torch.tensor(out[0]["logprobs"][5] - 1.7)))
    out[2]["logprobs"][3] = float(f32(torch.tensor(out[2]["logprobs"][3] + 1.6)))
    return out


def nk_datum(cfg, W, init, g, n=5, k=3):
    """An (N, K) importance_sampling datum: K candidate targets per position."""
    V = cfg["vocab_size"]
    d = {"input": torch.randint(0, V, (n,), generator=g).tolist(),
         "target_tokens": [torch.randperm(V, generator=g)[:k].tolist() for _ in range(n)]}
    with torch.no_grad():
        lp = mg.datum_logprobs(cfg, W, init, d)
    q = f32(lp + torch.randn(n, k, generator=g, dtype=F64) * 0.3)
    a = f32(torch.randn(n, k, generator=g, dtype=F64))
    a[0] = 0.0
    d["logprobs"], d["advantages"] = q.tolist(), a.tolist()
    return d


def with_thresholds(d, g, low=None, high=None, per_datum=None):
    """Adds per-token threshold tensors (random around the config), or per-datum ones of shape (1,)."""
    d = dict(d)
    n = len(d["target_tokens"])
    if per_datum is not None:
        d["clip_low_threshold"], d["clip_high_threshold"] = [per_datum[0]], [per_datum[1]]
    if low is not None:
        d["clip_low_threshold"] = f32(low[0] + (low[1] - low[0]) * torch.rand(n, generator=g, dtype=F64)).tolist()
    if high is not None:
        d["clip_high_threshold"] = f32(high[0] + (high[1] - high[0]) * torch.rand(n, generator=g, dtype=F64)).tolist()
    return d


def scenarios(cfg, W, init, g):
    base = rl_datums(cfg, W, init, g)
    nk = nk_datum(cfg, W, init, g)
    return {
        "importance_sampling": dict(loss_fn="importance_sampling", config={}, datums=base + [nk]),
        "ppo": dict(loss_fn="ppo", config={}, datums=base),
        "ppo_thresholds": dict(loss_fn="ppo", config={"clip_low_threshold": 0.9, "clip_high_threshold": 1.1},
                               datums=[with_thresholds(base[0], g, low=(0.7, 0.95), high=(1.05, 1.3)),
                                       with_thresholds(base[1], g, per_datum=(0.75, 1.35)),
                                       with_thresholds(base[2], g, high=(1.02, 1.2))]),
        "cispo": dict(loss_fn="cispo", config={}, datums=base),
        "cispo_thresholds": dict(loss_fn="cispo", config={"clip_low_threshold": 0.8, "clip_high_threshold": 1.25},
                                 datums=[with_thresholds(base[0], g, low=(0.6, 0.9), high=(1.1, 1.4)),
                                         base[1], with_thresholds(base[2], g, per_datum=(0.5, 1.5))]),
        "dro": dict(loss_fn="dro", config={"beta": 0.5}, datums=base),
    }


DEFAULTS = {"ppo": {"clip_low_threshold": 0.8, "clip_high_threshold": 1.2},
            "cispo": {"clip_low_threshold": 0.0, "clip_high_threshold": 4.0}}


def dpo_data(cfg, W, g):
    """Chosen and rejected completions of one prompt (weights mask the completion), their reference
    logprobs from the base model (no adapter), and a third datum the loss never reads."""
    V = cfg["vocab_size"]
    prompt = torch.randint(0, V, (4,), generator=g).tolist()
    datums = []
    for n in (5, 4):
        seq = prompt + torch.randint(0, V, (n,), generator=g).tolist()
        w = [0.0] * (len(prompt) - 1) + [1.0] * n
        datums.append({"input": seq[:-1], "target_tokens": seq[1:], "weights": w})
    seq = torch.randint(0, V, (7,), generator=g).tolist()
    datums.append({"input": seq[:-1], "target_tokens": seq[1:], "weights": [1.0] * 6})
    with torch.no_grad():
        ref = [float(f32((mg.datum_logprobs(cfg, W, mg.Lora({}, 0.0), d) * torch.tensor(d["weights"], dtype=F64)).sum()))
               for d in datums[:2]]
    return {"beta": DPO_BETA, "reference_logprobs": ref, "datums": datums}


def dpo_loss(lps, dpo):
    seq = [(lp * torch.tensor(d["weights"], dtype=F64)).sum() for lp, d in zip(lps, dpo["datums"])]
    (ref_c, ref_r), beta = dpo["reference_logprobs"], dpo["beta"]
    margin = (seq[0] - ref_c) - (seq[1] - ref_r)
    return -torch.nn.functional.logsigmoid(beta * margin), margin


# ----------------------------------------------------------------------------------------------
def peft_grads(A, B, shapes):
    out = {}
    for k in shapes:
        out[k + ".lora_A.weight"], out[k + ".lora_B.weight"] = A[k].grad.clone(), B[k].grad.clone()
    return out


def run_case(name, seed, out_root):
    print(f"== {name}")
    cfg, W, A0, B0, shapes = load_case(name)
    g = torch.Generator().manual_seed(seed)
    init = mg.Lora({shapes[k][0]: (A0[k], B0[k]) for k in shapes}, mg.ALPHA / mg.RANK)
    cases = scenarios(cfg, W, init, g)
    dpo = dpo_data(cfg, W, g)
    d = os.path.join(out_root, name)
    os.makedirs(d, exist_ok=True)
    expected = {"scenarios": {}}

    def fresh():
        A = {k: v.clone().requires_grad_(True) for k, v in A0.items()}
        B = {k: v.clone().requires_grad_(True) for k, v in B0.items()}
        return A, B, mg.Lora({shapes[k][0]: (A[k], B[k]) for k in shapes}, mg.ALPHA / mg.RANK)

    for sname, sc in cases.items():
        config = dict(DEFAULTS.get(sc["loss_fn"], {}), **sc["config"])
        A, B, lora = fresh()
        lps, ews, total, clipped, counted = [], [], 0, 0, 0
        for dd in sc["datums"]:
            lp = mg.datum_logprobs(cfg, W, lora, dd)
            ew = elementwise(sc["loss_fn"], lp, dd, config)
            lps.append(lp)
            ews.append(ew)
            total = total + ew.sum()
            if sc["loss_fn"] in ("ppo", "cispo"):
                c, n = clip_counts(sc["loss_fn"], lp.detach(), dd, config)
                clipped, counted = clipped + c, counted + n
        total.backward()
        e = {"loss_fn": sc["loss_fn"], "logprobs": [mg.to_list(x) for x in lps],
             "elementwise_loss": [mg.to_list(x + 0.0) for x in ews], "loss_sum": total.item()}
        if sc["loss_fn"] in ("ppo", "cispo"):
            e["clip_fraction"] = clipped / counted
            e["clipped_tokens"], e["counted_tokens"] = clipped, counted
            assert 0 < clipped < counted, f"{sname}: some tokens must be clipped, not all"
        expected["scenarios"][sname] = e
        mg.st_save(os.path.join(d, f"grads_{sname}.safetensors"), peft_grads(A, B, shapes))
        print(f"   {sname:20s} loss_sum {total.item():+.6f}" + (
            f"  clip_fraction {clipped}/{counted}" if "clip_fraction" in e else ""))

    A, B, lora = fresh()
    lps = [mg.datum_logprobs(cfg, W, lora, dd) for dd in dpo["datums"]]
    loss, margin = dpo_loss(lps, dpo)
    loss.backward()
    expected["dpo"] = {"loss": loss.item(), "margin": margin.item()}
    mg.st_save(os.path.join(d, "dpo_grads.safetensors"), peft_grads(A, B, shapes))
    print(f"   dpo loss {loss.item():.6f} margin {margin.item():+.6f}")

    dump = lambda path, obj: open(path, "w").write(json.dumps(obj, indent=2) + "\n")
    dump(os.path.join(d, "data.json"), {"model": f"golden/{name}", "scenarios": cases, "dpo": dpo})
    dump(os.path.join(d, "expected.json"), expected)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    print(f"torch {torch.__version__}, python {sys.version.split()[0]}")
    for name, seed in CASES:
        run_case(name, seed, a.out)
    print(f"closest ratio to a clip threshold (relative): {min(MARGINS):.2e}")


if __name__ == "__main__":
    main()
