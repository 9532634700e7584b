package dev.whetstone.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The frozen base weights of a decoder, loaded from Hugging Face safetensors by their HF names.
 *
 * <p>On CPU every matrix is float32; on F32 files that is a zero-copy view of the memory-mapped file
 * (never written to: a write to a mapped tensor would fault). On CUDA the matrices are float16 and the
 * norms float32. BF16 and F16 files are widened in Java by {@link WeightFiles}.
 *
 * @param embed     [V, D] token embedding
 * @param layers    the decoder layers
 * @param finalNorm [D]
 * @param lmHead    [V, D]; the same tensor as {@code embed} when the model ties them
 */
public record DecoderWeights(NDArray embed, List<LayerWeights> layers, NDArray finalNorm, Linear lmHead) {

    /** Reads every weight of {@code config} from {@code files} onto {@code manager}'s device. */
    public static DecoderWeights load(ModelConfig config, WeightFiles files, NDManager manager, DataType matrixType) {
        Loader loader = new Loader(config, files, manager, matrixType);
        return loader.load();
    }

    /**
     * The same structure with every tensor replaced by {@code f(tensor)} (a tied head stays tied). Used to
     * make a trainable float32 copy for full fine-tuning, or a frozen snapshot of one.
     */
    public DecoderWeights map(java.util.function.UnaryOperator<NDArray> f) {
        NDArray newEmbed = f.apply(embed);
        List<LayerWeights> newLayers = new ArrayList<>();
        for (LayerWeights l : layers) {
            newLayers.add(new LayerWeights(f.apply(l.inputNorm()), map(l.q(), f), map(l.k(), f), map(l.v(), f), map(l.o(), f),
                    l.qNorm() == null ? null : f.apply(l.qNorm()), l.kNorm() == null ? null : f.apply(l.kNorm()),
                    f.apply(l.postNorm()), map(l.gate(), f), map(l.up(), f), map(l.down(), f)));
        }
        Linear head = lmHead.weight() == embed ? new Linear(newEmbed, null) : map(lmHead, f);
        return new DecoderWeights(newEmbed, List.copyOf(newLayers), f.apply(finalNorm), head);
    }

    private static Linear map(Linear linear, java.util.function.UnaryOperator<NDArray> f) {
        return new Linear(f.apply(linear.weight()), linear.bias() == null ? null : f.apply(linear.bias()));
    }

    /** Every tensor under its Hugging Face name, in a fixed order (a tied head appears once, as the embedding). */
    public java.util.LinkedHashMap<String, NDArray> named() {
        java.util.LinkedHashMap<String, NDArray> named = new java.util.LinkedHashMap<>();
        named.put("model.embed_tokens.weight", embed);
        for (int i = 0; i < layers.size(); i++) {
            LayerWeights l = layers.get(i);
            String p = "model.layers." + i + ".";
            named.put(p + "input_layernorm.weight", l.inputNorm());
            putLinear(named, p + "self_attn.q_proj", l.q());
            putLinear(named, p + "self_attn.k_proj", l.k());
            putLinear(named, p + "self_attn.v_proj", l.v());
            putLinear(named, p + "self_attn.o_proj", l.o());
            if (l.qNorm() != null) {
                named.put(p + "self_attn.q_norm.weight", l.qNorm());
                named.put(p + "self_attn.k_norm.weight", l.kNorm());
            }
            named.put(p + "post_attention_layernorm.weight", l.postNorm());
            putLinear(named, p + "mlp.gate_proj", l.gate());
            putLinear(named, p + "mlp.up_proj", l.up());
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

    /** Every tensor held, for closing. */
    public List<NDArray> tensors() {
        List<NDArray> all = new ArrayList<>();
        all.add(embed);
        all.add(finalNorm);
        if (lmHead.weight() != embed) {
            all.add(lmHead.weight());
        }
        for (LayerWeights layer : layers) {
            all.add(layer.inputNorm());
            all.add(layer.postNorm());
            if (layer.qNorm() != null) {
                all.add(layer.qNorm());
                all.add(layer.kNorm());
            }
            for (Linear linear : List.of(layer.q(), layer.k(), layer.v(), layer.o(), layer.gate(), layer.up(), layer.down())) {
                all.add(linear.weight());
                if (linear.bias() != null) {
                    all.add(linear.bias());
                }
            }
        }
        return all;
    }

    /** Reads tensors by name with the expected shapes of {@code config}. */
    private static final class Loader {
        private final ModelConfig config;
        private final WeightFiles files;
        private final NDManager manager;
        private final DataType matrixType;

        Loader(ModelConfig config, WeightFiles files, NDManager manager, DataType matrixType) {
            this.config = config;
            this.files = files;
            this.manager = manager;
            this.matrixType = matrixType;
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
            return new LayerWeights(
                    vector(p + "input_layernorm.weight", d),
                    linear(p + "self_attn.q_proj", qDim, d, qkv),
                    linear(p + "self_attn.k_proj", kvDim, d, qkv),
                    linear(p + "self_attn.v_proj", kvDim, d, qkv),
                    linear(p + "self_attn.o_proj", d, qDim, false),
                    qNorm, kNorm,
                    vector(p + "post_attention_layernorm.weight", d),
                    linear(p + "mlp.gate_proj", ffn, d, false),
                    linear(p + "mlp.up_proj", ffn, d, false),
                    linear(p + "mlp.down_proj", d, ffn, false));
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

        private NDArray tensor(String name, DataType type, long... shape) {
            ByteBuffer data = type == DataType.FLOAT16 ? files.float16(name, shape) : files.float32(name, shape);
            NDArray array = manager.create(data, new Shape(shape), type);
            NDScope.unregister(array);
            return array;
        }
    }
}
