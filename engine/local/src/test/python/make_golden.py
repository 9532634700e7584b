#!/usr/bin/python3
"""Writes the golden fixtures under engine/local/src/test/resources/golden/<case>/.

Run with Debian's /usr/bin/python3 (torch 1.13, numpy); nothing else is needed:

    /usr/bin/python3 engine/local/src/test/python/make_golden.py [--check-fp32] [--out DIR]

The reference model is an independent re-implementation of Hugging Face transformers'
Qwen3 / Qwen2 / Llama / Mistral causal-LM forward pass plus PEFT LoRA, evaluated in float64
(weights are float32 values, or bfloat16 values for the bf16 case, widened to float64).
The only float32 part is the RoPE cos/sin table, which HF always builds in float32.
Training uses the real torch.nn.utils.clip_grad_norm_ and torch.optim.AdamW (float64).
Every random number comes from a per-case torch.Generator, so re-running is byte-identical.
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch

torch.set_num_threads(1)  # reductions in a fixed order: identical bytes on every run

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden"))
F64 = torch.float64

# ----------------------------------------------------------------------------------------------
# safetensors: 8-byte little-endian header length, JSON header, raw little-endian data
# ----------------------------------------------------------------------------------------------
_ST_DTYPES = {"F64": (torch.float64, 8), "F32": (torch.float32, 4), "BF16": (torch.bfloat16, 2),
              "F16": (torch.float16, 2), "I64": (torch.int64, 8)}


def st_bytes(t, dtype):
    t = t.detach().to(_ST_DTYPES[dtype][0]).contiguous()
    if dtype == "BF16":
        t = t.view(torch.int16)
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes()


def st_save(path, tensors, dtype="F32"):
    header, blobs, off = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        b = st_bytes(tensors[name], dtype)
        header[name] = {"dtype": dtype, "shape": list(tensors[name].shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
    return off


def st_load(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header, out = json.loads(raw[8:8 + n]), {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        s, t = e["data_offsets"]
        dt, _ = _ST_DTYPES[e["dtype"]]
        np_dt = {"BF16": "<i2", "F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8"}[e["dtype"]]
        a = torch.from_numpy(np.frombuffer(raw[8 + n + s:8 + n + t], dtype=np_dt).copy())
        out[name] = (a.view(torch.bfloat16) if e["dtype"] == "BF16" else a).reshape(e["shape"])
    return out


# ----------------------------------------------------------------------------------------------
# Reference model (HF semantics, re-implemented)
# ----------------------------------------------------------------------------------------------
def rms_norm(x, w, eps):
    var = x.pow(2).mean(-1, keepdim=True)
    return w * (x * torch.rsqrt(var + eps))


def rope_inv_freq(cfg):
    """HF _compute_default_rope_parameters / _compute_llama3_parameters, in float32 like HF."""
    dim = cfg["head_dim"]
    base = cfg["rope_theta"]
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).to(dtype=torch.float) / dim))
    rs = cfg.get("rope_scaling")
    bands = None
    if rs is not None:
        assert rs["rope_type"] == "llama3"
        factor, lo, hi = rs["factor"], rs["low_freq_factor"], rs["high_freq_factor"]
        old = rs["original_max_position_embeddings"]
        low_wl, high_wl = old / lo, old / hi
        wavelen = 2 * math.pi / inv_freq
        scaled = torch.where(wavelen > low_wl, inv_freq / factor, inv_freq)  # long wavelengths: / factor
        smooth = (old / wavelen - lo) / (hi - lo)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_wl) * ~(wavelen > low_wl)
        inv_freq = torch.where(medium, smoothed, scaled)
        bands = ["high" if w < high_wl else ("low" if w > low_wl else "medium") for w in wavelen.tolist()]
    return inv_freq, bands


def rope_cos_sin(cfg, T):
    inv_freq, _ = rope_inv_freq(cfg)
    pos = torch.arange(T, dtype=torch.int64).float()
    freqs = (inv_freq[:, None].float() @ pos[None, :].float()).transpose(0, 1)  # [T, dim/2], float32
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()  # attention_scaling is 1.0 for default and llama3


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class Lora:
    """PEFT LoRA: y = base(x) + (alpha/r) * (x @ A^T) @ B^T, A [r, in], B [out, r]."""

    def __init__(self, params, scaling):
        self.p, self.s = params, scaling

    def linear(self, x, W, b, key):
        y = x @ W.T
        if b is not None:
            y = y + b
        if key in self.p:
            A, B = self.p[key]
            y = y + self.s * ((x @ A.T) @ B.T)
        return y


def forward_logits(cfg, W, lora, ids):
    """Logits [T, vocab] for one unpadded sequence, positions 0..T-1."""
    T = len(ids)
    nh, nkv, hd, eps = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"], cfg["rms_norm_eps"]
    qwen3 = cfg["model_type"] == "qwen3"
    cos, sin = rope_cos_sin(cfg, T)
    x = W["model.embed_tokens.weight"][torch.tensor(ids)]
    cos, sin = cos.to(x.dtype)[None], sin.to(x.dtype)[None]  # [1, T, hd]: HF casts the float32 table to x.dtype
    causal = torch.full((T, T), float("-inf"), dtype=x.dtype).triu(1)
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, W[p + "input_layernorm.weight"], eps)
        lin = lambda name, inp: lora.linear(inp, W[p + name + ".weight"], W.get(p + name + ".bias"), p + name)
        q = lin("self_attn.q_proj", h).view(T, nh, hd)
        k = lin("self_attn.k_proj", h).view(T, nkv, hd)
        v = lin("self_attn.v_proj", h).view(T, nkv, hd)
        if qwen3:  # per-head RMSNorm over head_dim, before RoPE
            q = rms_norm(q, W[p + "self_attn.q_norm.weight"], eps)
            k = rms_norm(k, W[p + "self_attn.k_norm.weight"], eps)
        q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)  # [heads, T, hd]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        rep = nh // nkv  # repeat_kv: kv head j serves query heads j*rep .. j*rep+rep-1
        k = k[:, None].expand(nkv, rep, T, hd).reshape(nh, T, hd)
        v = v[:, None].expand(nkv, rep, T, hd).reshape(nh, T, hd)
        att = torch.softmax(q @ k.transpose(1, 2) * hd ** -0.5 + causal, dim=-1)
        o = (att @ v).transpose(0, 1).reshape(T, nh * hd)
        x = x + lin("self_attn.o_proj", o)
        h = rms_norm(x, W[p + "post_attention_layernorm.weight"], eps)
        g = lin("mlp.gate_proj", h)
        x = x + lin("mlp.down_proj", torch.nn.functional.silu(g) * lin("mlp.up_proj", h))
    x = rms_norm(x, W["model.norm.weight"], eps)
    head = W["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else W["lm_head.weight"]
    return lora.linear(x, head, None, "lm_head")


def datum_logprobs(cfg, W, lora, d):
    lp = torch.log_softmax(forward_logits(cfg, W, lora, d["input"]), dim=-1)
    tgt = torch.tensor(d["target_tokens"])
    if tgt.dim() == 1:
        return lp.gather(1, tgt[:, None])[:, 0]
    return lp.gather(1, tgt)  # (N, K)


def loss_and_logprobs(cfg, W, lora, datums):
    lps, total = [], 0
    for d in datums:
        lp = datum_logprobs(cfg, W, lora, d)
        w = torch.tensor(d["weights"], dtype=lp.dtype)
        lps.append(lp)
        total = total + (-lp * w).sum()
    return total, lps


# ----------------------------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------------------------
LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head"]
RANK, ALPHA = 4, 8

CHAT_TEMPLATE = ("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content']"
                 " + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
                 "{% endif %}")


def base_config(arch, **kw):
    c = dict(architectures=[arch], attention_dropout=0.0, hidden_act="silu", initializer_range=0.02,
             max_position_embeddings=128, num_hidden_layers=2, rope_scaling=None, torch_dtype="float32",
             transformers_version="4.51.3", use_cache=True)
    c.update(kw)
    return dict(sorted(c.items()))


CASES = [
    dict(name="qwen3_tied", seed=1001, weights_dtype="F32", shards=1, extra_nk_datum=True, lr=1e-2,
         vocab_kind="qwen",
         config=base_config("Qwen3ForCausalLM", model_type="qwen3", vocab_size=128, hidden_size=32,
                            intermediate_size=64, num_attention_heads=4, num_key_value_heads=2, head_dim=16,
                            rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True,
                            attention_bias=False, sliding_window=None, use_sliding_window=False,
                            max_window_layers=2, bos_token_id=125, eos_token_id=127)),
    dict(name="qwen3_untied_bf16_sharded", seed=1002, weights_dtype="BF16", shards=2, lr=1e-2, vocab_kind="qwen",
         config=base_config("Qwen3ForCausalLM", model_type="qwen3", vocab_size=112, hidden_size=32,
                            intermediate_size=80, num_attention_heads=4, num_key_value_heads=2, head_dim=8,
                            rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=False,
                            attention_bias=False, sliding_window=None, use_sliding_window=False,
                            max_window_layers=2, bos_token_id=109, eos_token_id=111, torch_dtype="bfloat16")),
    dict(name="llama3_rope_scaling", seed=1003, weights_dtype="F32", shards=1, lr=1e-2, vocab_kind="llama",
         config=base_config("LlamaForCausalLM", model_type="llama", vocab_size=96, hidden_size=32,
                            intermediate_size=64, num_attention_heads=2, num_key_value_heads=1, head_dim=16,
                            rms_norm_eps=1e-5, rope_theta=10000.0, tie_word_embeddings=False,
                            attention_bias=False, mlp_bias=False, pretraining_tp=1,
                            rope_scaling={"factor": 8.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                          "original_max_position_embeddings": 32, "rope_type": "llama3"},
                            bos_token_id=1, eos_token_id=2)),
    dict(name="qwen2_bias", seed=1004, weights_dtype="F32", shards=1, lr=1e-2, vocab_kind="qwen",
         config=base_config("Qwen2ForCausalLM", model_type="qwen2", vocab_size=100, hidden_size=32,
                            intermediate_size=64, num_attention_heads=4, num_key_value_heads=2,
                            rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True,
                            sliding_window=4096, use_sliding_window=False, max_window_layers=2,
                            bos_token_id=97, eos_token_id=99)),
    dict(name="mistral", seed=1005, weights_dtype="F32", shards=1, lr=1e-2, vocab_kind="llama",
         config=base_config("MistralForCausalLM", model_type="mistral", vocab_size=120, hidden_size=32,
                            intermediate_size=72, num_attention_heads=4, num_key_value_heads=1, head_dim=8,
                            rms_norm_eps=1e-5, rope_theta=1000000.0, tie_word_embeddings=False,
                            sliding_window=None, bos_token_id=1, eos_token_id=2)),
]


def head_dim(cfg):
    return cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]


def make_weights(cfg, g, bf16):
    """HF-named base weights as float64 tensors holding float32 (or bfloat16) values."""
    H, I, V = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    hd, nh, nkv = head_dim(cfg), cfg["num_attention_heads"], cfg["num_key_value_heads"]
    W = {}
    rn = lambda *shape, std=1.0: torch.randn(*shape, generator=g, dtype=torch.float32) * std
    W["model.embed_tokens.weight"] = rn(V, H, std=0.4)
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        W[p + "input_layernorm.weight"] = 1.0 + rn(H, std=0.1)
        W[p + "self_attn.q_proj.weight"] = rn(nh * hd, H, std=H ** -0.5)
        W[p + "self_attn.k_proj.weight"] = rn(nkv * hd, H, std=H ** -0.5)
        W[p + "self_attn.v_proj.weight"] = rn(nkv * hd, H, std=H ** -0.5)
        if cfg["model_type"] == "qwen2":
            W[p + "self_attn.q_proj.bias"] = rn(nh * hd, std=0.3)
            W[p + "self_attn.k_proj.bias"] = rn(nkv * hd, std=0.3)
            W[p + "self_attn.v_proj.bias"] = rn(nkv * hd, std=0.3)
        W[p + "self_attn.o_proj.weight"] = rn(H, nh * hd, std=(nh * hd) ** -0.5)
        if cfg["model_type"] == "qwen3":
            W[p + "self_attn.q_norm.weight"] = 1.0 + rn(hd, std=0.2)
            W[p + "self_attn.k_norm.weight"] = 1.0 + rn(hd, std=0.2)
        W[p + "post_attention_layernorm.weight"] = 1.0 + rn(H, std=0.1)
        W[p + "mlp.gate_proj.weight"] = rn(I, H, std=H ** -0.5)
        W[p + "mlp.up_proj.weight"] = rn(I, H, std=H ** -0.5)
        W[p + "mlp.down_proj.weight"] = rn(H, I, std=I ** -0.5)
    W["model.norm.weight"] = 1.0 + rn(H, std=0.1)
    if not cfg["tie_word_embeddings"]:
        W["lm_head.weight"] = rn(V, H, std=2.0 * H ** -0.5)
    for k in W:
        W[k] = (W[k].to(torch.bfloat16) if bf16 else W[k]).to(F64)
    return W


def lora_shapes(cfg):
    """PEFT key prefix (without .lora_A.weight) -> (internal key, in, out)."""
    H, I, V = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    hd, nh, nkv = head_dim(cfg), cfg["num_attention_heads"], cfg["num_key_value_heads"]
    out = {}
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        for name, fi, fo in [("self_attn.q_proj", H, nh * hd), ("self_attn.k_proj", H, nkv * hd),
                             ("self_attn.v_proj", H, nkv * hd), ("self_attn.o_proj", nh * hd, H),
                             ("mlp.gate_proj", H, I), ("mlp.up_proj", H, I), ("mlp.down_proj", I, H)]:
            out["base_model.model." + p + name] = (p + name, fi, fo)
    out["base_model.model.lm_head"] = ("lm_head", H, V)
    return out


def make_lora(cfg, g):
    A, B = {}, {}
    for peft, (_, fi, fo) in lora_shapes(cfg).items():
        A[peft] = (torch.randn(RANK, fi, generator=g) * fi ** -0.5).to(F64)
        B[peft] = (torch.randn(fo, RANK, generator=g) * 0.04).to(F64)
    return A, B


ROLE_WORDS = ["system", "user", "assistant"]  # so that rendered chat templates tokenize without <unk>


def make_vocab(cfg, kind):
    V = cfg["vocab_size"]
    if kind == "qwen":  # specials at the end, like Qwen's 151643..151645
        specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
        vocab = ROLE_WORDS + [f"w{i}" for i in range(V - 6)] + specials
        tc = dict(bos_token=None, eos_token="<|im_end|>", pad_token="<|endoftext|>", unk_token=None)
        unk = "<|endoftext|>"
    else:  # llama / mistral style: <unk>=0, <s>=1, </s>=2
        specials = ["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"]
        vocab = specials + ROLE_WORDS + [f"w{i}" for i in range(V - 8)]
        tc = dict(bos_token="<s>", eos_token="</s>", pad_token="</s>", unk_token="<unk>")
        unk = "<unk>"
    assert len(vocab) == V and len(set(vocab)) == V
    ids = {t: i for i, t in enumerate(vocab)}
    assert cfg["bos_token_id"] == ids[{"qwen": "<|endoftext|>", "llama": "<s>"}[kind]]
    assert cfg["eos_token_id"] == ids[{"qwen": "<|im_end|>", "llama": "</s>"}[kind]]
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [dict(id=ids[s], content=s, single_word=False, lstrip=False, rstrip=False,
                              normalized=False, special=True) for s in specials],
        "normalizer": None, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": ids, "unk_token": unk},
    }
    tcfg = dict(tc, add_bos_token=False, add_eos_token=False, chat_template=CHAT_TEMPLATE,
                clean_up_tokenization_spaces=False, model_max_length=cfg["max_position_embeddings"],
                tokenizer_class="PreTrainedTokenizerFast",
                added_tokens_decoder={str(ids[s]): dict(content=s, lstrip=False, normalized=False, rstrip=False,
                                                        single_word=False, special=True) for s in specials})
    return tokenizer, tcfg, specials


def make_data(cfg, g, extra_nk):
    V = cfg["vocab_size"]
    datums = []
    for n, neg_at in [(7, None), (12, 9), (5, None)]:
        seq = torch.randint(0, V, (n + 1,), generator=g).tolist()
        w = [1.0] * n
        w[0] = 0.0  # prompt-like zeros
        w[1] = 0.0 if n > 6 else 1.0
        if n == 12:
            w[2:5] = [0.0, 0.5, 2.0]
        if neg_at is not None:
            w[neg_at] = -0.75
        datums.append({"input": seq[:-1], "target_tokens": seq[1:], "weights": w})
    if extra_nk:
        N, K = 6, 3
        inp = torch.randint(0, V, (N,), generator=g).tolist()
        tgt = [torch.randperm(V, generator=g)[:K].tolist() for _ in range(N)]
        raw = torch.rand(N, K, generator=g, dtype=torch.float64)
        wts = [[float(f"{x:.4f}") for x in (r / r.sum()).tolist()] for r in raw]  # teacher-like top-K weights
        wts[0] = [0.0, 0.0, 0.0]
        wts[3][2] = 0.0
        datums.append({"input": inp, "target_tokens": tgt, "weights": wts})
    return datums


def to_list(t):
    return t.detach().tolist()


def run_case(case, out_root, check_fp32):
    name, cfg = case["name"], dict(case["config"])
    cfg_hd = dict(cfg, head_dim=head_dim(cfg))
    g = torch.Generator().manual_seed(case["seed"])
    print(f"== {name}")
    W = make_weights(cfg, g, case["weights_dtype"] == "BF16")
    A0, B0 = make_lora(cfg, g)
    datums = make_data(cfg, g, case.get("extra_nk_datum", False))
    shapes = lora_shapes(cfg)

    # ---- self-checks ------------------------------------------------------------------------
    if cfg.get("rope_scaling"):
        _, bands = rope_inv_freq(cfg_hd)
        print("   llama3 bands per frequency:", bands)
        assert {"high", "medium", "low"} <= set(bands), "all three llama3 bands must occur"
        plain = dict(cfg_hd, rope_scaling=None)
        assert not torch.allclose(rope_inv_freq(plain)[0], rope_inv_freq(cfg_hd)[0])
    no_lora = Lora({}, 0.0)
    with torch.no_grad():
        base_loss, base_lps = loss_and_logprobs(cfg_hd, W, no_lora, datums)
        zeroB = Lora({shapes[k][0]: (A0[k], torch.zeros_like(B0[k])) for k in shapes}, ALPHA / RANK)
        _, zb_lps = loss_and_logprobs(cfg_hd, W, zeroB, datums)
        assert all(torch.equal(a, b) for a, b in zip(base_lps, zb_lps)), "LoRA with B=0 must equal the base model"
        init = Lora({shapes[k][0]: (A0[k], B0[k]) for k in shapes}, ALPHA / RANK)
        _, init_lps = loss_and_logprobs(cfg_hd, W, init, datums)
        dl = max((a - b).abs().max().item() for a, b in zip(base_lps, init_lps))
        print(f"   max |logprob(lora) - logprob(base)| = {dl:.4f}")
        assert dl > 0.05, "the adapter should change logprobs noticeably"
        if cfg["model_type"] == "qwen2":
            nob = {k: v for k, v in W.items() if not k.endswith(".bias")}
            _, nb_lps = loss_and_logprobs(cfg_hd, nob, no_lora, datums)
            db = max((a - b).abs().max().item() for a, b in zip(base_lps, nb_lps))
            print(f"   max |logprob change| from dropping q/k/v biases = {db:.4f}")
            assert db > 0.05
        if cfg["model_type"] == "qwen3":
            ones = dict(W)
            for k in W:
                if k.endswith("_norm.weight"):
                    ones[k] = torch.ones_like(W[k])
            _, on_lps = loss_and_logprobs(cfg_hd, ones, no_lora, datums)
            dn = max((a - b).abs().max().item() for a, b in zip(base_lps, on_lps))
            print(f"   max |logprob change| from q/k_norm weights -> 1 = {dn:.4f}")
            assert dn > 0.01
        # causality: a prefix of a sequence gets the same logprobs as in the full sequence
        d0 = datums[1]
        cut = dict(d0, input=d0["input"][:5], target_tokens=d0["target_tokens"][:5], weights=d0["weights"][:5])
        full = datum_logprobs(cfg_hd, W, no_lora, d0)[:5]
        assert (datum_logprobs(cfg_hd, W, no_lora, cut) - full).abs().max().item() < 1e-12

    # ---- choose the clip norm from the initial gradient norm: active on early steps ----------
    def trajectory(dtype, clip, lr):
        Wd = {k: v.to(dtype) for k, v in W.items()}
        A = {k: v.clone().to(dtype).requires_grad_(True) for k, v in A0.items()}
        B = {k: v.clone().to(dtype).requires_grad_(True) for k, v in B0.items()}
        params = [t for k in sorted(shapes) for t in (A[k], B[k])]
        lora = Lora({shapes[k][0]: (A[k], B[k]) for k in shapes}, ALPHA / RANK)
        opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
        losses, norms, first = [], [], None
        for step in range(10):
            opt.zero_grad(set_to_none=False)
            loss, lps = loss_and_logprobs(cfg_hd, Wd, lora, datums)
            loss.backward()
            if first is None:
                first = (loss.item(), [lp.detach().clone() for lp in lps],
                         {k: (A[k].grad.clone(), B[k].grad.clone()) for k in shapes})
            norm = torch.nn.utils.clip_grad_norm_(params, clip if clip else float("inf"))
            losses.append(loss.item())
            norms.append(norm.item())
            opt.step()
        return first, losses, norms, {k: (A[k].detach().clone(), B[k].detach().clone()) for k in shapes}

    _, _, free_norms, _ = trajectory(F64, None, case["lr"])
    clip = float(f"{0.6 * free_norms[0]:.3g}")
    first, losses, norms, final = trajectory(F64, clip, case["lr"])
    clipped = [n > clip for n in norms]
    print(f"   clip {clip}: clipped per step {clipped}")
    print("   loss_sum:", [round(x, 4) for x in losses])
    print("   grad_norm:", [round(x, 4) for x in norms])
    assert any(clipped) and not all(clipped), "clipping must be active on some steps, not all"
    assert min(abs(n - clip) / clip for n in norms) > 1e-4, "a grad norm sits on the clip threshold"
    loss0, lps0, grads0 = first

    # ---- optional: how close does a float32 run of the same pipeline get? -------------------
    if check_fp32:
        f_first, f_losses, f_norms, f_final = trajectory(torch.float32, clip, case["lr"])
        lp_err = max((a.double() - b).abs().max().item() for a, b in zip(f_first[1], lps0))
        g_err = max(((f_first[2][k][j].double() - grads0[k][j]).abs().max() / grads0[k][j].abs().max()).item()
                    for k in shapes for j in (0, 1))
        a_err = max(((f_final[k][j].double() - final[k][j]).abs().max() / final[k][j].abs().max()).item()
                    for k in shapes for j in (0, 1))
        l_err = max(abs(a - b) for a, b in zip(f_losses, losses)) / max(abs(b) for b in losses)
        n_err = max(abs(a - b) for a, b in zip(f_norms, norms)) / max(norms)
        print(f"   fp32 run vs fp64 reference (errors relative to the max abs of each tensor): "
              f"logprob abs {lp_err:.2e}, loss trajectory {l_err:.2e}, grad-norm trajectory {n_err:.2e}, "
              f"grads {g_err:.2e}, final adapter {a_err:.2e}")

    # ---- write -----------------------------------------------------------------------------
    d = os.path.join(out_root, name)
    os.makedirs(os.path.join(d, "model"), exist_ok=True)
    os.makedirs(os.path.join(d, "adapter"), exist_ok=True)
    dump = lambda path, obj: open(path, "w").write(json.dumps(obj, indent=2) + "\n")

    dump(os.path.join(d, "model", "config.json"), cfg)
    st_dtype = case["weights_dtype"]
    if case["shards"] == 1:
        st_save(os.path.join(d, "model", "model.safetensors"), W, st_dtype)
    else:
        n = case["shards"]
        keys = sorted(W)
        first_half = [k for k in keys if k.startswith("model.embed_tokens") or k.startswith("model.layers.0.")]
        parts = [first_half, [k for k in keys if k not in first_half]]
        assert n == 2
        weight_map, total = {}, 0
        for i, part in enumerate(parts):
            fname = f"model-{i + 1:05d}-of-{n:05d}.safetensors"
            total += st_save(os.path.join(d, "model", fname), {k: W[k] for k in part}, st_dtype)
            weight_map.update({k: fname for k in part})
        dump(os.path.join(d, "model", "model.safetensors.index.json"),
             {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))})
    tok, tcfg, _ = make_vocab(cfg, case["vocab_kind"])
    dump(os.path.join(d, "model", "tokenizer.json"), tok)
    dump(os.path.join(d, "model", "tokenizer_config.json"), tcfg)

    adapter_cfg = {
        "alpha_pattern": {}, "auto_mapping": None, "base_model_name_or_path": f"whetstone-golden/{name}",
        "bias": "none", "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True,
        "layer_replication": None, "layers_pattern": None, "layers_to_transform": None, "loftq_config": {},
        "lora_alpha": ALPHA, "lora_dropout": 0.0, "megatron_config": None, "megatron_core": "megatron.core",
        "modules_to_save": None, "peft_type": "LORA", "r": RANK, "rank_pattern": {}, "revision": None,
        "target_modules": LORA_TARGETS, "task_type": "CAUSAL_LM", "use_dora": False, "use_rslora": False,
    }
    dump(os.path.join(d, "adapter", "adapter_config.json"), adapter_cfg)

    def peft_dict(pairs):
        out = {}
        for k, (a, b) in pairs.items():
            out[k + ".lora_A.weight"], out[k + ".lora_B.weight"] = a, b
        return out

    st_save(os.path.join(d, "adapter", "adapter_model.safetensors"), peft_dict({k: (A0[k], B0[k]) for k in shapes}))
    st_save(os.path.join(d, "expected_grads.safetensors"), peft_dict(grads0))
    st_save(os.path.join(d, "final_adapter.safetensors"), peft_dict(final))
    dump(os.path.join(d, "data.json"), {
        "datums": datums,
        "adam": {"learning_rate": case["lr"], "beta1": 0.9, "beta2": 0.95, "eps": 1e-8, "weight_decay": 0.1,
                 "grad_clip_norm": clip},
        "steps": 10,
    })
    ew = [to_list(-lp * torch.tensor(dd["weights"], dtype=F64) + 0.0) for lp, dd in zip(lps0, datums)]  # no -0.0
    dump(os.path.join(d, "expected.json"), {
        "logprobs": [to_list(lp) for lp in lps0],
        "elementwise_loss": ew,
        "loss_sum": loss0,
        "base_logprobs": [to_list(lp) for lp in base_lps],
        "base_loss_sum": base_loss.item(),
        "trajectory": {"loss_sum": losses, "grad_norm": norms, "clipped": clipped},
    })

    # round-trip the written tensors
    back = st_load(os.path.join(d, "adapter", "adapter_model.safetensors"))
    assert all(torch.equal(back[k + ".lora_A.weight"].double(), A0[k]) for k in shapes)
    if case["shards"] == 1:
        back = st_load(os.path.join(d, "model", "model.safetensors"))
    else:
        back = {}
        for i in range(case["shards"]):
            back.update(st_load(os.path.join(d, "model", f"model-{i + 1:05d}-of-{case['shards']:05d}.safetensors")))
    assert set(back) == set(W) and all(torch.equal(back[k].double(), W[k]) for k in W)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check-fp32", action="store_true", help="also run the pipeline in float32 and print errors")
    ap.add_argument("--case", action="append", help="only these cases")
    a = ap.parse_args()
    print(f"torch {torch.__version__}, python {sys.version.split()[0]}")
    for case in CASES:
        if a.case and case["name"] not in a.case:
            continue
        run_case(case, a.out, a.check_fp32)


if __name__ == "__main__":
    main()
