package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.SafeDType;
import dev.whetstone.engine.model.WeightFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The frozen base weights of a decoder, loaded from Hugging Face safetensors by their HF names.
 *
 * <p>On CPU every matrix is float32; on F32 files that is a zero-copy view of the memory-mapped file
 * (never written to: a write to a mapped tensor would fault), except q/k/v and gate/up, which are copied
 * into one stacked tensor per group so each group runs as one matmul ({@link LayerWeights}). On CUDA the matrices are float16 and the
 * norms float32. BF16 files (and F16 ones for float32) are decoded on the device by {@link HalfBitsDecoder};
 * F32 files narrowed to float16 are rounded on the host, range-checked.
 *
 * @param embed     [V, D] token embedding
 * @param layers    the decoder layers
 * @param finalNorm [D]
 * @param lmHead    [V, D]; the same tensor as {@code embed} when the model ties them
 */
public record DecoderWeights(NDArray embed, List<LayerWeights> layers, NDArray finalNorm, Linear lmHead) {

    /**
     * Reads every weight of {@code config} from {@code files} onto the device of {@code owner}, which holds
     * them (and frees them when closed).
     */
    public static DecoderWeights load(ModelConfig config, WeightFiles files, OwnedTensors owner, DataType matrixType) {
        try (HalfBitsDecoder halfBits = new HalfBitsDecoder(owner.manager())) {
            return new Loader(config, files, owner, matrixType, halfBits).load();
        }
    }

    /**
     * The same structure with every tensor replaced by {@code f(tensor)} (a tied head stays tied). Used to
     * make a trainable float32 copy for full fine-tuning, or a frozen snapshot of one; {@code f} puts its
     * results on their owner, and the views of fused tensors follow them there.
     */
    public DecoderWeights map(java.util.function.UnaryOperator<NDArray> f) {
        NDArray newEmbed = f.apply(embed);
        List<LayerWeights> newLayers = new ArrayList<>();
        for (LayerWeights l : layers) {
            Linear qkv = map(l.qkv(), f);                       // the fused tensors are mapped; the parts are views of them
            Linear[] qkvParts = views(qkv, l.q().outFeatures(), l.k().outFeatures());
            Linear gateUp = map(l.gateUp(), f);
            Linear[] gateUpParts = views(gateUp, l.gate().outFeatures());
            newLayers.add(new LayerWeights(f.apply(l.inputNorm()), qkvParts[0], qkvParts[1], qkvParts[2], map(l.o(), f),
                    l.qNorm() == null ? null : f.apply(l.qNorm()), l.kNorm() == null ? null : f.apply(l.kNorm()),
                    f.apply(l.postNorm()), gateUpParts[0], gateUpParts[1], map(l.down(), f), qkv, gateUp,
                    null));                                     // q/k norms expanded per forward, so their gradients reach them
        }
        Linear head = lmHead.weight() == embed ? new Linear(newEmbed, null) : map(lmHead, f);
        return new DecoderWeights(newEmbed, List.copyOf(newLayers), f.apply(finalNorm), head);
    }

    /** Views of a fused linear's rows, split after each of {@code sizes} (the last part takes the rest). */
    private static Linear[] views(Linear fused, long... sizes) {
        long[] splits = new long[sizes.length];
        long offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            offset += sizes[i];
            splits[i] = offset;
        }
        ai.djl.ndarray.NDList weights = fused.weight().split(splits, 0);
        ai.djl.ndarray.NDList biases = fused.bias() == null ? null : fused.bias().split(splits, 0);
        Linear[] parts = new Linear[splits.length + 1];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Linear(weights.get(i), biases == null ? null : biases.get(i));
            NDScope.unregister(weights.get(i));
            if (biases != null) {
                NDScope.unregister(biases.get(i));
            }
        }
        return parts;
    }

    /** q_norm repeated for each query head, then k_norm for each kv head: [H+K, hd] (differentiable). */
    public static NDArray expandQkNorm(NDArray qNorm, NDArray kNorm, int heads, int kvHeads) {
        long headDim = qNorm.getShape().get(0);
        return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(
                qNorm.broadcast(new Shape(heads, headDim)), kNorm.broadcast(new Shape(kvHeads, headDim))), 0);
    }

    /**
     * The tensors the decoder reads, under stable names (fused q/k/v and gate/up as one tensor each): what
     * full fine-tuning trains and its optimizer state is keyed by.
     */
    public java.util.LinkedHashMap<String, NDArray> trainables() {
        return byName(true);
    }

    private static Linear map(Linear linear, java.util.function.UnaryOperator<NDArray> f) {
        return new Linear(f.apply(linear.weight()), linear.bias() == null ? null : f.apply(linear.bias()));
    }

    /**
     * Every weight under its Hugging Face name, in a fixed order (a tied head appears once, as the embedding);
     * q/k/v and gate/up are views of their fused tensors. For writing model files.
     */
    public java.util.LinkedHashMap<String, NDArray> named() {
        return byName(false);
    }

    /** Every weight by name; {@code fused}: q/k/v and gate/up as their fused tensors, else as the HF views. */
    private java.util.LinkedHashMap<String, NDArray> byName(boolean fused) {
        java.util.LinkedHashMap<String, NDArray> named = new java.util.LinkedHashMap<>();
        named.put("model.embed_tokens.weight", embed);
        for (int i = 0; i < layers.size(); i++) {
            LayerWeights l = layers.get(i);
            String p = "model.layers." + i + ".";
            named.put(p + "input_layernorm.weight", l.inputNorm());
            if (fused) {
                putLinear(named, p + "self_attn.qkv_proj", l.qkv());
            } else {
                putLinear(named, p + "self_attn.q_proj", l.q());
                putLinear(named, p + "self_attn.k_proj", l.k());
                putLinear(named, p + "self_attn.v_proj", l.v());
            }
            putLinear(named, p + "self_attn.o_proj", l.o());
            if (l.qNorm() != null) {
                named.put(p + "self_attn.q_norm.weight", l.qNorm());
                named.put(p + "self_attn.k_norm.weight", l.kNorm());
            }
            named.put(p + "post_attention_layernorm.weight", l.postNorm());
            if (fused) {
                putLinear(named, p + "mlp.gate_up_proj", l.gateUp());
            } else {
                putLinear(named, p + "mlp.gate_proj", l.gate());
                putLinear(named, p + "mlp.up_proj", l.up());
            }
            putLinear(named, p + "mlp.down_proj", l.down());
        }
        named.put("model.norm.weight", finalNorm);
        if (lmHead.weight() != embed) {
            named.put("lm_head.weight", lmHead.weight());
        }
        return named;
    }

    private static void putLinear(java.util.Map<String, NDArray> named, String module, Linear linear) {
        named.put(module + ".weight", linear.weight());
        if (linear.bias() != null) {
            named.put(module + ".bias", linear.bias());
        }
    }

    /** Reads tensors by name with the expected shapes of {@code config}. */
    private static final class Loader {
        private final ModelConfig config;
        private final WeightFiles files;
        private final OwnedTensors owner;
        private final DataType matrixType;
        private final HalfBitsDecoder halfBits;

        Loader(ModelConfig config, WeightFiles files, OwnedTensors owner, DataType matrixType, HalfBitsDecoder halfBits) {
            this.config = config;
            this.files = files;
            this.owner = owner;
            this.matrixType = matrixType;
            this.halfBits = halfBits;
        }

        DecoderWeights load() {
            long d = config.hiddenSize();
            long v = config.vocabSize();
            NDArray embed = matrix("model.embed_tokens.weight", v, d);
            List<LayerWeights> layers = new ArrayList<>();
            for (int i = 0; i < config.numLayers(); i++) {
                layers.add(layer(i));
            }
            NDArray finalNorm = vector("model.norm.weight", d);
            boolean tied = config.tieWordEmbeddings() || !files.contains("lm_head.weight");
            Linear lmHead = new Linear(tied ? embed : matrix("lm_head.weight", v, d), null);
            return new DecoderWeights(embed, List.copyOf(layers), finalNorm, lmHead);
        }

        private LayerWeights layer(int i) {
            String p = "model.layers." + i + ".";
            long d = config.hiddenSize();
            long qDim = (long) config.numHeads() * config.headDim();
            long kvDim = (long) config.numKvHeads() * config.headDim();
            long ffn = config.intermediateSize();
            boolean qkv = config.attentionBias();
            NDArray qNorm = config.qkNorm() ? vector(p + "self_attn.q_norm.weight", config.headDim()) : null;
            NDArray kNorm = config.qkNorm() ? vector(p + "self_attn.k_norm.weight", config.headDim()) : null;
            Linear[] attention = fuse(linear(p + "self_attn.q_proj", qDim, d, qkv),
                    linear(p + "self_attn.k_proj", kvDim, d, qkv), linear(p + "self_attn.v_proj", kvDim, d, qkv));
            Linear[] mlp = fuse(linear(p + "mlp.gate_proj", ffn, d, false), linear(p + "mlp.up_proj", ffn, d, false));
            NDArray qkNorm = null;
            if (config.qkNorm()) {
                qkNorm = owner.keep(NDArrays.concat(new NDList(
                        qNorm.broadcast(new Shape(config.numHeads(), config.headDim())),
                        kNorm.broadcast(new Shape(config.numKvHeads(), config.headDim()))), 0));   // [H+K, hd]
            }
            return new LayerWeights(
                    vector(p + "input_layernorm.weight", d),
                    attention[1], attention[2], attention[3],
                    linear(p + "self_attn.o_proj", d, qDim, false),
                    qNorm, kNorm,
                    vector(p + "post_attention_layernorm.weight", d),
                    mlp[1], mlp[2],
                    linear(p + "mlp.down_proj", d, ffn, false),
                    attention[0], mlp[0], qkNorm);
        }

        /**
         * Stacks {@code parts} along the output axis into one linear (a copy), frees the parts and returns the
         * fused linear followed by views of it in the parts' order.
         */
        private Linear[] fuse(Linear... parts) {
            NDList weights = new NDList();
            NDList biases = new NDList();
            long[] splits = new long[parts.length - 1];
            long offset = 0;
            for (int i = 0; i < parts.length; i++) {
                weights.add(parts[i].weight());
                if (parts[i].bias() != null) {
                    biases.add(parts[i].bias());
                }
                offset += parts[i].outFeatures();
                if (i < splits.length) {
                    splits[i] = offset;
                }
            }
            NDArray weight = owner.keep(NDArrays.concat(weights, 0));
            NDArray bias = biases.isEmpty() ? null : owner.keep(NDArrays.concat(biases, 0));
            Linear[] out = new Linear[parts.length + 1];
            out[0] = new Linear(weight, bias);
            NDList weightViews = weight.split(splits, 0);
            NDList biasViews = bias == null ? null : bias.split(splits, 0);
            for (int i = 0; i < parts.length; i++) {
                out[i + 1] = new Linear(owner.keep(weightViews.get(i)), biasViews == null ? null : owner.keep(biasViews.get(i)));
                parts[i].weight().close();   // copied into the fused tensor
                if (parts[i].bias() != null) {
                    parts[i].bias().close();
                }
            }
            return out;
        }

        /** A projection; its bias is loaded when required, or when the file has one (Llama's attention_bias on o_proj). */
        private Linear linear(String module, long out, long in, boolean biasRequired) {
            NDArray weight = matrix(module + ".weight", out, in);
            String biasName = module + ".bias";
            NDArray bias = biasRequired || files.contains(biasName) ? vectorOf(biasName, matrixType, out) : null;
            return new Linear(weight, bias);
        }

        private NDArray matrix(String name, long rows, long cols) {
            return tensor(name, matrixType, rows, cols);
        }

        private NDArray vector(String name, long size) {
            return vectorOf(name, DataType.FLOAT32, size);
        }

        private NDArray vectorOf(String name, DataType type, long size) {
            return tensor(name, type, size);
        }

        /**
         * A tensor in {@code type}: stored as that type, a zero-copy map on the CPU; BF16 (or F16 for float32)
         * through {@link HalfBitsDecoder} on the device; F32 for float16 narrowed on the host, range-checked.
         */
        private NDArray tensor(String name, DataType type, long... shape) {
            SafeDType stored = files.info(name).dtype();
            if (stored == SafeDType.BF16 || (stored == SafeDType.F16 && type == DataType.FLOAT32)) {
                return halfBits.decode(name, files.halfBits(name, shape), stored, new Shape(shape), type, owner);
            }
            ByteBuffer data = type == DataType.FLOAT16 ? files.float16(name, shape) : files.float32(name, shape);
            return owner.keep(owner.manager().create(data, new Shape(shape), type));
        }
    }
}
