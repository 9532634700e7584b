package dev.whetstone.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
 * (never written to: a write to a mapped tensor would fault), except q/k/v and gate/up, which are copied
 * into one stacked tensor per group so each group runs as one matmul ({@link LayerWeights}). On CUDA the matrices are float16 and the
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
                all.add(layer.qkNorm());
            }
            for (Linear linear : List.of(layer.q(), layer.k(), layer.v(), layer.o(), layer.gate(), layer.up(), layer.down(),
                    layer.qkv(), layer.gateUp())) {
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
            Linear[] attention = fuse(linear(p + "self_attn.q_proj", qDim, d, qkv),
                    linear(p + "self_attn.k_proj", kvDim, d, qkv), linear(p + "self_attn.v_proj", kvDim, d, qkv));
            Linear[] mlp = fuse(linear(p + "mlp.gate_proj", ffn, d, false), linear(p + "mlp.up_proj", ffn, d, false));
            NDArray qkNorm = null;
            if (config.qkNorm()) {
                qkNorm = NDArrays.concat(new NDList(
                        qNorm.broadcast(new Shape(config.numHeads(), config.headDim())),
                        kNorm.broadcast(new Shape(config.numKvHeads(), config.headDim()))), 0);   // [H+K, hd]
                NDScope.unregister(qkNorm);
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
        private static Linear[] fuse(Linear... parts) {
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
            NDArray weight = NDArrays.concat(weights, 0);
            NDArray bias = biases.isEmpty() ? null : NDArrays.concat(biases, 0);
            Linear[] out = new Linear[parts.length + 1];
            out[0] = new Linear(weight, bias);
            NDList weightViews = weight.split(splits, 0);
            NDList biasViews = bias == null ? null : bias.split(splits, 0);
            for (int i = 0; i < parts.length; i++) {
                out[i + 1] = new Linear(weightViews.get(i), biasViews == null ? null : biasViews.get(i));
                NDScope.unregister(out[i + 1].weight());
                if (biasViews != null) {
                    NDScope.unregister(biasViews.get(i));
                }
                parts[i].weight().close();
                if (parts[i].bias() != null) {
                    parts[i].bias().close();
                }
            }
            NDScope.unregister(weight);
            if (bias != null) {
                NDScope.unregister(bias);
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

        private NDArray tensor(String name, DataType type, long... shape) {
            ByteBuffer data = type == DataType.FLOAT16 ? files.float16(name, shape) : files.float32(name, shape);
            NDArray array = manager.create(data, new Shape(shape), type);
            NDScope.unregister(array);
            return array;
        }
    }
}
