#!/usr/bin/python3
"""PyTorch-eager reference for `whetstone bench`: the same Qwen3 model, LoRA, data and step as Whetstone.

Driven by the Java harness over stdin/stdout, one JSON object per line, so both contenders stay loaded
and the harness can alternate them (ours, torch, ours, torch ...) in one run:

    {"op": "train", "steps": 3}          -> {"step_seconds": [...], "loss": first loss of the batch}
    {"op": "sample", "num": 8}           -> {"seconds": s, "tokens": num * new_tokens}
    {"op": "memory"}                     -> {"rss_bytes": ..., "peak_rss_bytes": ...}
    {"op": "step_memory"}                -> one more train step from released caches: {"pid", "allocated_peak_bytes",
                                            "reserved_peak_bytes"} (-1 on the CPU)
    {"op": "trace", "file": F}           -> one more train step under torch.profiler, written to F as a Chrome trace
    {"op": "quit"}

What it runs, as HF Transformers + PEFT run it in eager mode (what HF Trainer uses): float32, LoRA
`y = x W^T + (alpha/r) (x A^T) B^T` on q/k/v/o/gate/up/down (unmerged), dropout 0; the train step is a
forward over [B, T], log-softmax over the whole vocabulary, summed cross-entropy, backward, AdamW.
Sampling prefills the prompt once (batch 1), copies its keys/values into every row of a preallocated
KV cache, then decodes [B, 1] per step with in-place cache writes under torch.inference_mode(),
drawing with torch.multinomial at temperature 1 and returning log-softmax logprobs.

Debian's python3-torch: install libopenblas0-pthread first (the default reference BLAS is ~13x slower).

With --device cuda it keeps the frozen matrices (projections, embedding, head) in float16 on the GPU and
everything else in float32, exactly as Whetstone does there: a frozen linear narrows its input to float16
and widens the product back to float32; LoRA, norms, softmax, the loss and AdamW stay float32. Each timed
step ends with torch.cuda.synchronize(), so it counts the GPU's work and not just the launches.
"""
import argparse
import json
import math
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def st_load(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header, out = json.loads(raw[8:8 + n]), {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        s, t = e["data_offsets"]
        np_dt = {"F32": "<f4", "BF16": "<i2"}[e["dtype"]]
        a = torch.from_numpy(np.frombuffer(raw[8 + n + s:8 + n + t], dtype=np_dt).copy())
        if e["dtype"] == "BF16":
            a = a.view(torch.bfloat16).float()
        out[name] = a.reshape(e["shape"])
    return out


class Qwen3Lora:
    """Qwen3 decoder with PEFT-style LoRA on every projection."""

    SITES = ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
             "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"]

    def __init__(self, folder, rank, alpha, seed, device="cpu"):
        with open(f"{folder}/config.json") as f:
            self.cfg = cfg = json.load(f)
        self.device = device
        matrix_type = torch.float16 if device == "cuda" else torch.float32
        self.W = {name: w.to(device, matrix_type if w.dim() == 2 else torch.float32)
                  for name, w in st_load(f"{folder}/model.safetensors").items()}
        self.L, self.nh, self.nkv = cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
        self.hd, self.eps = cfg["head_dim"], cfg["rms_norm_eps"]
        self.scale = alpha / rank
        g = torch.Generator().manual_seed(seed)
        self.lora = {}
        for i in range(self.L):
            for site in self.SITES:
                w = self.W[f"model.layers.{i}.{site}.weight"]
                out_f, in_f = w.shape
                bound = 1 / math.sqrt(in_f)
                a = (torch.rand(rank, in_f, generator=g) * 2 - 1) * bound
                self.lora[(i, site)] = (a.to(device).requires_grad_(),
                                        torch.zeros(out_f, rank, device=device, requires_grad=True))
        inv = 1.0 / (cfg["rope_theta"] ** (torch.arange(0, self.hd, 2).float() / self.hd))
        pos = torch.arange(cfg["max_position_embeddings"]).float()
        emb = torch.cat([torch.outer(pos, inv)] * 2, dim=-1)
        self.cos, self.sin = emb.cos().to(device), emb.sin().to(device)   # [P, hd]
        self.head = self.W.get("lm_head.weight", self.W["model.embed_tokens.weight"])

    def params(self):
        return [p for pair in self.lora.values() for p in pair]

    def rms(self, x, w):
        return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))

    @staticmethod
    def frozen(x, w):
        """x W^T with a frozen matrix; a float16 one gets a float16 input and gives a float32 result."""
        return F.linear(x, w) if w.dtype == x.dtype else F.linear(x.to(w.dtype), w).to(x.dtype)

    def lin(self, i, site, x):
        a, b = self.lora[(i, site)]
        return self.frozen(x, self.W[f"model.layers.{i}.{site}.weight"]) + self.scale * F.linear(F.linear(x, a), b)

    @staticmethod
    def rot(x, cos, sin):
        h = x.shape[-1] // 2
        return x * cos + torch.cat((-x[..., h:], x[..., :h]), dim=-1) * sin

    def hidden(self, ids, offset=0, cache=None):
        """ids [B, T] -> final-normed hidden [B, T, D]; with a cache, writes keys/values at offset."""
        B, T = ids.shape
        nh, nkv, hd = self.nh, self.nkv, self.hd
        G = nh // nkv
        x = self.W["model.embed_tokens.weight"][ids].float()
        cos, sin = self.cos[offset:offset + T], self.sin[offset:offset + T]
        mask = None
        if T > 1:
            mask = torch.full((T, offset + T), float("-inf"), device=self.device).triu(offset + 1)
        for i in range(self.L):
            p = f"model.layers.{i}."
            h = self.rms(x, self.W[p + "input_layernorm.weight"])
            q = self.rms(self.lin(i, "self_attn.q_proj", h).view(B, T, nh, hd), self.W[p + "self_attn.q_norm.weight"])
            k = self.rms(self.lin(i, "self_attn.k_proj", h).view(B, T, nkv, hd), self.W[p + "self_attn.k_norm.weight"])
            v = self.lin(i, "self_attn.v_proj", h).view(B, T, nkv, hd).transpose(1, 2)
            q = self.rot(q.transpose(1, 2), cos, sin)                      # [B, H, T, hd]
            k = self.rot(k.transpose(1, 2), cos, sin)                      # [B, K, T, hd]
            if cache is None:
                k = k.repeat_interleave(G, dim=1)
                v = v.repeat_interleave(G, dim=1)
                att = torch.softmax(q @ k.transpose(2, 3) * hd ** -0.5 + mask, dim=-1)
                o = att @ v                                               # [B, H, T, hd]
            else:
                ck, cv = cache[i]
                ck[:, :, offset:offset + T] = k
                cv[:, :, offset:offset + T] = v
                if offset > 0:
                    k, v = ck[:, :, :offset + T], cv[:, :, :offset + T]
                s = q.reshape(B, nkv, G * T, hd) @ k.transpose(2, 3) * hd ** -0.5   # [B, K, G*T, L]
                if mask is not None:
                    s = (s.view(B, nkv, G, T, offset + T) + mask).view(B, nkv, G * T, offset + T)
                o = (torch.softmax(s, dim=-1) @ v).view(B, nh, T, hd)
            x = x + self.lin(i, "self_attn.o_proj", o.transpose(1, 2).reshape(B, T, nh * hd))
            h = self.rms(x, self.W[p + "post_attention_layernorm.weight"])
            x = x + self.lin(i, "mlp.down_proj", F.silu(self.lin(i, "mlp.gate_proj", h)) * self.lin(i, "mlp.up_proj", h))
        return self.rms(x, self.W["model.norm.weight"])


class Reference:
    def __init__(self, args):
        torch.set_num_threads(args.threads)
        self.device = args.device
        self.model = Qwen3Lora(args.model, args.rank, args.alpha, args.seed, args.device)
        with open(args.data) as f:
            data = json.load(f)
        tokens = torch.tensor(data["tokens"], dtype=torch.int64, device=args.device)   # [B, T+1]
        self.inputs, self.targets = tokens[:, :-1], tokens[:, 1:]
        self.prompt = torch.tensor([data["prompt"]], dtype=torch.int64, device=args.device)   # [1, P]
        self.new_tokens = data["new_tokens"]
        self.opt = torch.optim.AdamW(self.model.params(), lr=1e-4, betas=(0.9, 0.95), eps=1e-12, weight_decay=0.0)

    def train(self, steps):
        times, loss = [], None
        for _ in range(steps):
            t0 = time.perf_counter()
            h = self.model.hidden(self.inputs)
            logp = torch.log_softmax(self.model.frozen(h, self.model.head), dim=-1)
            total = -logp.gather(-1, self.targets.unsqueeze(-1)).sum()
            total.backward()
            self.opt.step()
            self.opt.zero_grad(set_to_none=True)
            self.sync()
            times.append(time.perf_counter() - t0)
            loss = loss if loss is not None else total.item() / self.targets.numel()
        return {"step_seconds": times, "loss": loss}

    def sync(self):
        if self.device == "cuda":
            torch.cuda.synchronize()

    def sample(self, num):
        m = self.model
        t0 = time.perf_counter()
        with torch.inference_mode():
            P = self.prompt.shape[1]
            L = P + self.new_tokens
            cache = [(torch.zeros(num, m.nkv, L, m.hd, device=m.device), torch.zeros(num, m.nkv, L, m.hd, device=m.device))
                     for _ in range(m.L)]
            h = m.hidden(self.prompt, 0, cache)[:, -1]                     # [1, D]; cache rows 0 only
            for ck, cv in cache:
                ck[1:, :, :P] = ck[:1, :, :P]
                cv[1:, :, :P] = cv[:1, :, :P]
            h = h.expand(num, -1)
            out, pos = [], P
            for step in range(self.new_tokens):
                logp = torch.log_softmax(m.frozen(h, m.head), dim=-1)      # [B, V]
                nxt = torch.multinomial(logp.exp(), 1)                      # [B, 1]
                out.append((nxt, logp.gather(-1, nxt)))
                if step + 1 == self.new_tokens:
                    break
                h = m.hidden(nxt, pos, cache)[:, -1]
                pos += 1
            tokens = torch.cat([t for t, _ in out], dim=1).tolist()
        return {"seconds": time.perf_counter() - t0, "tokens": num * self.new_tokens, "first": tokens[0][:8]}


def memory():
    with open("/proc/self/status") as f:
        status = dict(line.split(":", 1) for line in f)
    kb = lambda key: int(status[key].split()[0]) * 1024
    reply = {"rss_bytes": kb("VmRSS"), "peak_rss_bytes": kb("VmHWM")}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        reply["cuda_peak_allocated_bytes"] = torch.cuda.max_memory_allocated()
    return reply


def step_memory(ref):
    """One train step's peak on the GPU: the caching allocator's blocks released first, its peak stats reset."""
    reply = {"pid": os.getpid(), "allocated_peak_bytes": -1, "reserved_peak_bytes": -1}
    if ref.device != "cuda":
        ref.train(1)
        return reply
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    ref.train(1)
    reply["allocated_peak_bytes"] = torch.cuda.max_memory_allocated()
    reply["reserved_peak_bytes"] = torch.cuda.max_memory_reserved()
    return reply


def trace(ref, path):
    """One train step under torch.profiler (CPU ops, and CUDA kernels on the GPU) as a Chrome trace."""
    activities = [torch.profiler.ProfilerActivity.CPU]
    if ref.device == "cuda":
        activities.append(torch.profiler.ProfilerActivity.CUDA)
    with torch.profiler.profile(activities=activities, record_shapes=True) as prof:
        ref.train(1)
    prof.export_chrome_trace(path)
    return {"file": path}


def blas_library():
    """The BLAS the process actually mapped (Debian's torch links libblas.so.3, an alternative)."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1].rsplit("/", 1)[-1] for line in f if "blas" in line.lower()}
    return ",".join(sorted(libs)) or "none"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--alpha", type=float, default=32)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    args = ap.parse_args()
    ref = Reference(args)
    hello = {"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}
    if args.device == "cuda":
        hello["gpu"] = torch.cuda.get_device_name()
    print(json.dumps(hello), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        op = cmd["op"]
        if op == "quit":
            break
        if op == "train":
            reply = ref.train(cmd["steps"])
        elif op == "sample":
            reply = ref.sample(cmd["num"])
        elif op == "memory":
            reply = memory()
        elif op == "step_memory":
            reply = step_memory(ref)
        elif op == "trace":
            reply = trace(ref, cmd["file"])
        else:
            reply = {"error": f"unknown op {op}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
