package dev.whetstone.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.whetstone.engine.tensor.ScalarConstants;

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
     */
    public NDArray hidden(NDArray tokens, AdapterHook adapter) {
        long batch = tokens.getShape().get(0);
        int length = Math.toIntExact(tokens.getShape().get(1));
        NDArray x = embed(tokens);                                   // [B, T, D]
        NDArray cos = rotary.cos(0, length);                         // [T, hd]
        NDArray sin = rotary.sin(0, length);
        NDArray mask = causalMask(length);                           // [T, T]
        for (int i = 0; i < weights.layers().size(); i++) {
            LayerWeights layer = weights.layers().get(i);
            NDArray attn = attention(i, layer, rmsNorm(x, layer.inputNorm()), cos, sin, mask, batch, length, adapter);
            x = x.add(attn);
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

    private NDArray attention(int index, LayerWeights layer, NDArray x, NDArray cos, NDArray sin, NDArray mask,
                              long batch, int length, AdapterHook adapter) {
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int headDim = config.headDim();
        NDArray q = project(index, Projection.Q, layer.q(), x, adapter).reshape(batch, length, heads, headDim);
        NDArray k = project(index, Projection.K, layer.k(), x, adapter).reshape(batch, length, kvHeads, headDim);
        NDArray v = project(index, Projection.V, layer.v(), x, adapter).reshape(batch, length, kvHeads, headDim);
        if (config.qkNorm()) {
            q = rmsNorm(q, layer.qNorm());
            k = rmsNorm(k, layer.kNorm());
        }
        q = rotate(q.transpose(0, 2, 1, 3), cos, sin);               // [B, H, T, hd]
        k = rotate(k.transpose(0, 2, 1, 3), cos, sin);               // [B, K, T, hd]
        v = v.transpose(0, 2, 1, 3);                                 // [B, K, T, hd]
        int groups = heads / kvHeads;
        if (groups > 1) {
            k = k.repeat(1, groups);                                 // [B, H, T, hd], repeat_interleave
            v = v.repeat(1, groups);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))           // [B, H, T, T]
                .mul(constants.of(1.0 / Math.sqrt(headDim)))
                .add(mask);
        NDArray context = scores.softmax(-1).matMul(v)               // [B, H, T, hd]
                .transpose(0, 2, 1, 3)
                .reshape(batch, length, (long) heads * headDim);     // [B, T, H·hd]
        return project(index, Projection.O, layer.o(), context, adapter);
    }

    private NDArray mlp(int index, LayerWeights layer, NDArray x, AdapterHook adapter) {
        NDArray gate = project(index, Projection.GATE, layer.gate(), x, adapter);   // [B, T, I]
        NDArray up = project(index, Projection.UP, layer.up(), x, adapter);
        NDArray hidden = gate.mul(Activation.sigmoid(gate)).mul(up);                 // silu(gate) · up
        return project(index, Projection.DOWN, layer.down(), hidden, adapter);      // [B, T, D]
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

    /** {@code x·cos + rotate_half(x)·sin} for x [B, *, T, hd]. */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDArray first = x.get(new NDIndex("..., :{}", half));
        NDArray second = x.get(new NDIndex("..., {}:", half));
        NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** Additive causal mask [T, T]: 0 where key ≤ query, a large negative number elsewhere. */
    private NDArray causalMask(int length) {
        NDArray positions = tokensManager().arange(length);             // [T] int32
        NDArray queries = positions.reshape(length, 1);
        NDArray keys = positions.reshape(1, length);
        return keys.gt(queries).toType(DataType.FLOAT32, false).mul(constants.of(-1e30));
    }

    private ai.djl.ndarray.NDManager tokensManager() {
        return weights.finalNorm().getManager();
    }

    /** Shape of one hidden row. */
    public Shape hiddenShape() {
        return new Shape(config.hiddenSize());
    }
}
