package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.Projection;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.whetstone.engine.local.tensor.ScalarConstants;

/**
 * The decoder-only transformer shared by Qwen3, Qwen2, Llama and Mistral, as Hugging Face's modelling
 * code computes it; the families differ only by switches in {@link ModelConfig} (q/k norm, qkv bias,
 * rope scaling, tied head).
 *
 * <p>Letters: B batch, T tokens, D model dim, H heads, K kv heads, hd head dim, V vocab.
 * Every method runs on the model's device thread inside the caller's {@code NDScope}.
 */
public final class Decoder {
    private final ModelConfig config;
    private final DecoderWeights weights;
    private final RotaryTables rotary;
    private final ScalarConstants constants;

    public Decoder(ModelConfig config, DecoderWeights weights, RotaryTables rotary, ScalarConstants constants) {
        this.config = config;
        this.weights = weights;
        this.rotary = rotary;
        this.constants = constants;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * Final-normed hidden states of {@code tokens} [B, T] (int64) at positions {@code 0..T-1}:
     * [B, T, D]. Sequences are right-padded, so the causal mask alone keeps real tokens off the padding.
     * This is the training forward; it keeps no cache.
     */
    public NDArray hidden(NDArray tokens, AdapterHook adapter) {
        return run(tokens, 0, null, adapter);
    }

    /**
     * Final-normed hidden states [b, T, D] of {@code tokens} [b, T] at positions {@code offset..offset+T-1},
     * attending to the {@code offset} positions already in {@code cache} and writing this call's keys and
     * values after them. With {@code offset == 0} this is a prefill; b may then be 1 for a cache of B
     * sequences that all share the prompt. Decoding calls it with T = 1 once per step.
     */
    public NDArray hidden(NDArray tokens, int offset, KvCache cache, AdapterHook adapter) {
        if (cache == null) {
            throw new IllegalArgumentException("cache must not be null; use hidden(tokens, adapter) without one");
        }
        return run(tokens, offset, cache, adapter);
    }

    private NDArray run(NDArray tokens, int offset, KvCache cache, AdapterHook adapter) {
        long batch = tokens.getShape().get(0);
        int length = Math.toIntExact(tokens.getShape().get(1));
        NDArray x = embed(tokens);                                   // [B, T, D]
        NDArray cos = rotary.cos(offset, length);                    // [T, hd]
        NDArray sin = rotary.signedSin(offset, length);             // first halves negated
        // the training forward keeps its [T, T] mask even for T = 1; a cached step of one token sees
        // only earlier positions, so it needs none
        NDArray mask = cache == null || length > 1 ? causalMask(length, offset) : null;   // [T, offset+T]
        for (int i = 0; i < weights.layers().size(); i++) {
            LayerWeights layer = weights.layers().get(i);
            QueryKeyValue qkv = queryKeyValue(i, layer, rmsNorm(x, layer.inputNorm()), cos, sin, batch, length, adapter);
            NDArray context = cache == null ? attention(qkv, mask) : cachedAttention(i, qkv, mask, offset, cache);
            x = x.add(project(i, Projection.O, layer.o(), context, adapter));
            x = x.add(mlp(i, layer, rmsNorm(x, layer.postNorm()), adapter));
        }
        return rmsNorm(x, weights.finalNorm());
    }

    /** Logits of hidden rows {@code h} [N, D] (or [B, T, D]): [N, V], with the head's adapter delta. */
    public NDArray logits(NDArray h, AdapterHook adapter) {
        return project(-1, Projection.LM_HEAD, weights.lmHead(), h, adapter);
    }

    private NDArray embed(NDArray tokens) {
        NDArray rows = weights.embed().get(new NDIndex("{}", tokens));  // [B, T, D]
        return rows.getDataType() == DataType.FLOAT32 ? rows : rows.toType(DataType.FLOAT32, false);
    }

    /** Rotated queries [B, H, T, hd] and keys [B, K, T, hd], values [B, K, T, hd] of one layer. */
    private record QueryKeyValue(NDArray q, NDArray k, NDArray v, long batch, int length) {
    }

    /**
     * One fused matmul for q, k and v ([B, T, (H+2K)·hd]), then q and k normed and rotated together: the
     * per-head norm weights are stacked as [H+K, hd], so one norm and one rotation serve both.
     */
    private QueryKeyValue queryKeyValue(int index, LayerWeights layer, NDArray x, NDArray cos, NDArray sin,
                                        long batch, int length, AdapterHook adapter) {
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int headDim = config.headDim();
        NDArray qkv = project(index, ProjectionGroup.QKV, layer, x, adapter)
                .reshape(batch, length, heads + 2L * kvHeads, headDim);          // [B, T, H+2K, hd]
        NDList qkAndV = qkv.split(new long[] {heads + kvHeads}, 2);             // [B, T, H+K, hd], [B, T, K, hd]
        NDArray qk = qkAndV.get(0);
        if (config.qkNorm()) {
            NDArray norm = layer.qkNorm() != null ? layer.qkNorm()                          // [H+K, hd]
                    : DecoderWeights.expandQkNorm(layer.qNorm(), layer.kNorm(), heads, kvHeads);
            qk = rmsNorm(qk, norm);
        }
        NDList rotated = rotate(qk.transpose(0, 2, 1, 3), cos, sin)           // [B, H+K, T, hd]
                .split(new long[] {heads}, 1);
        NDArray v = qkAndV.get(1).transpose(0, 2, 1, 3);                        // [B, K, T, hd]
        return new QueryKeyValue(rotated.get(0), rotated.get(1), v, batch, length);   // [B, H, T, hd], [B, K, T, hd]
    }

    /**
     * Training attention: kv heads repeated to H, then softmax((q/√hd)·kᵀ + mask)·v → [B, T, H·hd]. The
     * scale goes on q, T/hd times smaller than the scores (exact when hd is a power of 4, as 1/√64 = 1/8).
     */
    private NDArray attention(QueryKeyValue t, NDArray mask) {
        int heads = config.numHeads();
        int headDim = config.headDim();
        NDArray k = t.k();
        NDArray v = t.v();
        int groups = config.kvGroups();
        if (groups > 1) {
            k = k.repeat(1, groups);                                 // [B, H, T, hd], repeat_interleave
            v = v.repeat(1, groups);
        }
        NDArray scores = t.q().mul(constants.of(1.0 / Math.sqrt(headDim)))
                .matMul(k.transpose(0, 1, 3, 2))                     // [B, H, T, T]
                .add(mask);
        return scores.softmax(-1).matMul(v)                          // [B, H, T, hd]
                .transpose(0, 2, 1, 3)
                .reshape(t.batch(), t.length(), (long) heads * headDim);   // [B, T, H·hd]
    }

    /**
     * Cached attention over L = offset + T positions. Query heads are grouped by their kv head
     * ([B, H, T, hd] → [B, K, G·T, hd]; head h = kv·G + g, the repeat_interleave order) so the cache is
     * never repeated G times: at long contexts that copy would cost more than the step itself.
     */
    private NDArray cachedAttention(int index, QueryKeyValue t, NDArray mask, int offset, KvCache cache) {
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int headDim = config.headDim();
        int groups = config.kvGroups();
        long batch = t.batch();
        int length = t.length();
        cache.write(index, offset, t.k(), t.v());
        int total = offset + length;
        // a prefill attends to its own fresh keys: same values, and b may be 1 while the cache holds B
        NDArray k = offset == 0 ? t.k() : cache.keys(index, total);                     // [B, K, L, hd]
        NDArray v = offset == 0 ? t.v() : cache.values(index, total);
        NDArray q = t.q().reshape(batch, kvHeads, (long) groups * length, headDim)        // [B, K, G·T, hd]
                .mul(constants.of(1.0 / Math.sqrt(headDim)));                          // as in training: on q
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));                             // [B, K, G·T, L]
        if (mask != null) {
            scores = scores.reshape(batch, kvHeads, groups, length, total).add(mask)      // [B, K, G, T, L]
                    .reshape(batch, kvHeads, (long) groups * length, total);
        }
        NDArray context = scores.softmax(-1).matMul(v);                                 // [B, K, G·T, hd]
        if (length == 1) {
            return context.reshape(batch, 1, (long) heads * headDim);                   // [B, 1, H·hd]: T = 1 needs no transpose
        }
        return context.reshape(batch, heads, length, headDim)
                .transpose(0, 2, 1, 3)
                .reshape(batch, length, (long) heads * headDim);                        // [B, T, H·hd]
    }

    private NDArray mlp(int index, LayerWeights layer, NDArray x, AdapterHook adapter) {
        NDArray fused = project(index, ProjectionGroup.GATE_UP, layer, x, adapter);             // [B, T, 2I]
        NDList gateUp = fused.split(2, fused.getShape().dimension() - 1);                       // 2 × [B, T, I]
        NDArray gate = gateUp.get(0);
        NDArray hidden = gate.mul(Activation.sigmoid(gate)).mul(gateUp.get(1));      // silu(gate) · up
        return project(index, Projection.DOWN, layer.down(), hidden, adapter);      // [B, T, D]
    }

    /** The fused projection of {@code group} with its stacked adapter delta: [..., Σ out]. */
    private static NDArray project(int index, ProjectionGroup group, LayerWeights layer, NDArray x, AdapterHook adapter) {
        long[] widths = new long[group.members().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = layer.projection(group.members().get(i)).outFeatures();
        }
        NDArray y = layer.fused(group).apply(x);
        NDArray delta = adapter.delta(index, group, x, widths);
        return delta == null ? y : y.add(delta);
    }

    private static NDArray project(int index, Projection projection, Linear linear, NDArray x, AdapterHook adapter) {
        NDArray y = linear.apply(x);
        NDArray delta = adapter.delta(index, projection, x);
        return delta == null ? y : y.add(delta);
    }

    /** HF RMSNorm over the last axis: {@code w · x · rsqrt(mean(x²) + eps)}. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray variance = x.mul(x).mean(new int[] {-1}, true);
        return x.mul(variance.add(constants.of(config.rmsNormEps())).pow(constants.of(-0.5))).mul(weight);
    }

    /**
     * {@code x·cos + rotate_half(x)·sin} for x [B, *, T, hd], as {@code x·cos + cat(x₂, x₁)·signedSin}
     * ({@link RotaryTables#signedSin}): the same bits without a {@code neg}.
     */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray signedSin) {
        NDList halves = x.split(2, 3);
        NDArray swapped = NDArrays.concat(new NDList(halves.get(1), halves.get(0)), -1);
        return x.mul(cos).add(swapped.mul(signedSin));
    }

    /** Additive causal mask [T, offset+T]: 0 where key ≤ offset + query, a large negative number elsewhere. */
    private NDArray causalMask(int length, int offset) {
        NDArray queries = manager().arange(offset, offset + length).reshape(length, 1);   // [T, 1] int32
        NDArray keys = manager().arange(offset + length).reshape(1, offset + length);     // [1, L]
        return keys.gt(queries).toType(DataType.FLOAT32, false).mul(constants.of(-1e30));
    }

    /** The manager of the model's weights: small index tensors are made on the same device. */
    private ai.djl.ndarray.NDManager manager() {
        return weights.finalNorm().getManager();
    }
}
