#!/usr/bin/python3
"""Writes the DPO and GRPO fixtures under engine/local/src/test/resources/golden_prefrl/<case>/.

Run with Debian's /usr/bin/python3 (torch 1.13, numpy), after make_golden.py has written the models:

    /usr/bin/python3 engine/local/src/test/python/make_golden_prefrl.py [--out DIR]

It reuses make_golden.py's tiny models and initial PEFT adapters as committed under golden/<case>/ (read back, not
regenerated) and the same float64 reference forward pass, and writes, per case:

- dpo: three preference pairs (chosen and rejected replies after a shared prompt, weights on the reply), reference
  log-probabilities from the base model (no adapter), and for the sigmoid (DPO) and IPO losses as Whetstone's
  DpoLoss defines them (the mean over pairs) the loss, the cookbook's metrics and the LoRA gradients;
- grpo: one GRPO update exactly as the run's GRPO step does it: two groups of sampled completions (the sampler's
  logprobs near the learner's) and their rewards, group-relative advantages (mean-centred; and divided by the
  unbiased std + 1e-4 in the second scenario), one datum per completion of a group with signal, the
  importance_sampling (or ppo) loss summed over tokens, the LoRA gradients, then one clipped torch.optim.AdamW step
  and the adapter after it.

Every random number comes from a per-case torch.Generator, so re-running is byte-identical.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden as mg  # noqa: E402
import make_golden_rl as rl  # noqa: E402

torch.set_num_threads(1)

F64 = torch.float64
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden_prefrl"))
CASES = [("qwen3_tied", 3001), ("llama3_rope_scaling", 3003)]
DPO_BETA = 0.5
STD_EPSILON = 1e-4


def f32(t):
    return t.to(torch.float32).to(F64)


# ----------------------------------------------------------------------------------------------
# DPO
# ----------------------------------------------------------------------------------------------
def dpo_data(cfg, W, g):
    V = cfg["vocab_size"]
    pairs = []
    for prompt_len, chosen_len, rejected_len in [(4, 3, 5), (6, 2, 2), (3, 4, 1)]:
        prompt = torch.randint(0, V, (prompt_len,), generator=g).tolist()
        sides = []
        for n in (chosen_len, rejected_len):
            seq = prompt + torch.randint(0, V, (n,), generator=g).tolist()
            sides.append({"input": seq[:-1], "target_tokens": seq[1:], "weights": [0.0] * (prompt_len - 1) + [1.0] * n})
        pairs.append(sides)
    datums = [d for p in pairs for d in p]
    with torch.no_grad():
        ref = [float(f32((mg.datum_logprobs(cfg, W, mg.Lora({}, 0.0), d) * torch.tensor(d["weights"], dtype=F64)).sum()))
               for d in datums]
    return {"beta": DPO_BETA, "datums": datums, "reference_chosen": ref[0::2], "reference_rejected": ref[1::2]}


def dpo_loss(lps, dpo, variant):
    """Whetstone's DpoLoss: h = (pi_c - ref_c) - (pi_r - ref_r) per pair, the mean over pairs of the variant's loss."""
    seq = [(lp * torch.tensor(d["weights"], dtype=F64)).sum() for lp, d in zip(lps, dpo["datums"])]
    beta = dpo["beta"]
    c = torch.stack(seq[0::2]) - torch.tensor(dpo["reference_chosen"], dtype=F64)
    r = torch.stack(seq[1::2]) - torch.tensor(dpo["reference_rejected"], dtype=F64)
    h = c - r
    per_pair = -torch.nn.functional.logsigmoid(beta * h) if variant == "sigmoid" else (h - 1 / (2 * beta)) ** 2
    metrics = {"dpo_loss": per_pair.mean().item(), "accuracy": (c > r).double().mean().item(),
               "margin": (beta * (c - r)).mean().item(), "chosen_reward": (beta * c).mean().item(),
               "rejected_reward": (beta * r).mean().item()}
    return per_pair.mean(), metrics


# ----------------------------------------------------------------------------------------------
# GRPO
# ----------------------------------------------------------------------------------------------
def advantages(rewards, normalize_std):
    r = torch.tensor(rewards, dtype=F64)
    if bool((r == r[0]).all()):
        return [0.0] * len(rewards)
    a = r - r.mean()
    if normalize_std:
        a = a / (r.std() + STD_EPSILON)  # torch.std: unbiased, as GroupAdvantages
    return a.tolist()


def grpo_groups(cfg, W, init, g):
    """Two prompts, four completions each (sampler logprobs near the learner's), and a third group whose rewards are
    all equal (no signal: it gives no datum)."""
    V = cfg["vocab_size"]
    groups = []
    for prompt_len, lengths, rewards in [(4, [3, 2, 4, 1], [1.0, 0.0, 0.0, 1.0]),
                                         (3, [2, 5, 2, 3], [0.25, 1.0, 0.0, 0.5]),
                                         (5, [2, 2, 3, 1], [1.0, 1.0, 1.0, 1.0])]:
        prompt = torch.randint(0, V, (prompt_len,), generator=g).tolist()
        completions = []
        for n in lengths:
            tokens = torch.randint(0, V, (n,), generator=g).tolist()
            seq = prompt + tokens
            with torch.no_grad():
                lp = mg.datum_logprobs(cfg, W, init, {"input": seq[:-1], "target_tokens": seq[1:]})[prompt_len - 1:]
            noise = torch.randn(n, generator=g, dtype=F64) * 0.2
            completions.append({"tokens": tokens, "logprobs": f32(lp + noise).tolist()})
        groups.append({"prompt": prompt, "completions": completions, "rewards": rewards})
    return groups


def grpo_datums(groups, normalize_std):
    """RolloutDatum.of for every completion of a group with signal."""
    datums = []
    for grp in groups:
        adv = advantages(grp["rewards"], normalize_std)
        if all(a == 0 for a in adv):
            continue
        p = grp["prompt"]
        for c, a in zip(grp["completions"], adv):
            seq = p + c["tokens"]
            n = len(seq) - 1
            lps = [0.0] * (len(p) - 1) + c["logprobs"]
            advs = [0.0] * (len(p) - 1) + [float(torch.tensor(a, dtype=torch.float32))] * len(c["tokens"])
            datums.append({"input": seq[:-1], "target_tokens": seq[1:], "logprobs": lps[:n], "advantages": advs[:n]})
    return datums


GRPO_SCENARIOS = {"grpo_mean_is": dict(normalize_std=False, loss_fn="importance_sampling"),
                  "grpo_std_ppo": dict(normalize_std=True, loss_fn="ppo")}
GRPO_LR = 1e-2


# ----------------------------------------------------------------------------------------------
def run_case(name, seed, out_root):
    print(f"== {name}")
    cfg, W, A0, B0, shapes = rl.load_case(name)
    g = torch.Generator().manual_seed(seed)
    init = mg.Lora({shapes[k][0]: (A0[k], B0[k]) for k in shapes}, mg.ALPHA / mg.RANK)
    d = os.path.join(out_root, name)
    os.makedirs(d, exist_ok=True)
    data, expected = {"model": f"golden/{name}"}, {}

    def fresh():
        A = {k: v.clone().requires_grad_(True) for k, v in A0.items()}
        B = {k: v.clone().requires_grad_(True) for k, v in B0.items()}
        return A, B, mg.Lora({shapes[k][0]: (A[k], B[k]) for k in shapes}, mg.ALPHA / mg.RANK)

    dpo = dpo_data(cfg, W, g)
    data["dpo"] = dpo
    for variant in ("sigmoid", "ipo"):
        A, B, lora = fresh()
        lps = [mg.datum_logprobs(cfg, W, lora, dd) for dd in dpo["datums"]]
        loss, metrics = dpo_loss(lps, dpo, variant)
        loss.backward()
        expected[f"dpo_{variant}"] = metrics
        mg.st_save(os.path.join(d, f"dpo_{variant}_grads.safetensors"), rl.peft_grads(A, B, shapes))
        print(f"   dpo {variant:8s} " + " ".join(f"{k} {v:+.6f}" for k, v in metrics.items()))
        assert 0 < metrics["accuracy"] < 1, "the initial adapter must prefer some chosen replies, not all"

    groups = grpo_groups(cfg, W, init, g)
    data["grpo"] = {"groups": groups, "learning_rate": GRPO_LR, "scenarios": GRPO_SCENARIOS}
    for sname, sc in GRPO_SCENARIOS.items():
        datums = grpo_datums(groups, sc["normalize_std"])
        config = dict(rl.DEFAULTS.get(sc["loss_fn"], {}))
        A, B, lora = fresh()
        total = 0
        for dd in datums:
            total = total + rl.elementwise(sc["loss_fn"], mg.datum_logprobs(cfg, W, lora, dd), dd, config).sum()
        total.backward()
        params = [t for k in sorted(shapes) for t in (A[k], B[k])]
        grads = rl.peft_grads(A, B, shapes)
        norm = torch.sqrt(sum((p.grad ** 2).sum() for p in params)).item()
        clip = float(f"{0.5 * norm:.3g}")            # active: the update is clipped
        top = max(p.grad.abs().max().item() for p in params)
        # Adam's first step is lr * g / (|g| + eps); an eps near the gradients' scale keeps it smooth in g, so that the
        # float32 error of a near-zero gradient element cannot swing its update by up to 2 * lr
        eps = float(f"{0.1 * top:.3g}")
        torch.nn.utils.clip_grad_norm_(params, clip)
        opt = torch.optim.AdamW(params, lr=GRPO_LR, betas=(0.9, 0.95), eps=eps, weight_decay=0.0)
        opt.step()
        after = {}
        for k in shapes:
            after[k + ".lora_A.weight"], after[k + ".lora_B.weight"] = A[k].detach().clone(), B[k].detach().clone()
        mg.st_save(os.path.join(d, f"{sname}_grads.safetensors"), grads)
        mg.st_save(os.path.join(d, f"{sname}_after.safetensors"), after)
        expected[sname] = {"loss_sum": total.item(), "grad_norm": norm, "datums": len(datums),
                           "advantages": [advantages(grp["rewards"], sc["normalize_std"]) for grp in groups],
                           "adam": {"learning_rate": GRPO_LR, "beta1": 0.9, "beta2": 0.95, "eps": eps, "weight_decay": 0.0,
                                    "grad_clip_norm": clip}}
        print(f"   {sname:14s} datums {len(datums)} loss_sum {total.item():+.6f} grad_norm {norm:.6f} clip {clip} eps {eps}")

    dump = lambda path, obj: open(path, "w").write(json.dumps(obj, indent=2) + "\n")
    dump(os.path.join(d, "data.json"), data)
    dump(os.path.join(d, "expected.json"), expected)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    print(f"torch {torch.__version__}, python {sys.version.split()[0]}")
    for name, seed in CASES:
        run_case(name, seed, a.out)


if __name__ == "__main__":
    main()
