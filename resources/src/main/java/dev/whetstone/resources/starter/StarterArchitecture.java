package dev.whetstone.resources.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The starter's Qwen3 shape and its seeded random initialisation, written as a Hugging Face folder
 * ({@code config.json} + {@code model.safetensors}, tied embeddings).
 *
 * @param vocabSize  V
 * @param hidden     D
 * @param layers     decoder layers
 * @param heads      H query heads
 * @param kvHeads    K key/value heads
 * @param headDim    hd
 * @param ffn        I, the MLP's inner dimension
 * @param maxPositions context length
 */
public record StarterArchitecture(int vocabSize, int hidden, int layers, int heads, int kvHeads, int headDim, int ffn,
                                  int maxPositions) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The initialiser's standard deviation, as Qwen3's {@code initializer_range}. */
    private static final double INIT_STD = 0.02;

    public StarterArchitecture {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads must be a multiple of kvHeads, was " + heads + " and " + kvHeads);
        }
    }

    /** The shipped shape: D 64, 4 layers, 4 heads / 2 KV heads of 16, I 192, 256 positions (small: CI trains it on 2 cores). */
    public static StarterArchitecture shipped() {
        return new StarterArchitecture(StarterVocabulary.tokens().size(), 64, 4, 4, 2, 16, 192, 256);
    }

    public void writeConfig(Path dir) throws IOException {
        Map<String, Integer> ids = StarterVocabulary.ids();
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("Qwen3ForCausalLM");
        c.put("attention_bias", false);
        c.put("attention_dropout", 0.0);
        c.put("bos_token_id", ids.get(StarterVocabulary.END_OF_TEXT));
        c.put("eos_token_id", ids.get(StarterVocabulary.IM_END));
        c.put("head_dim", headDim);
        c.put("hidden_act", "silu");
        c.put("hidden_size", hidden);
        c.put("initializer_range", INIT_STD);
        c.put("intermediate_size", ffn);
        c.put("max_position_embeddings", maxPositions);
        c.put("max_window_layers", layers);
        c.put("model_type", "qwen3");
        c.put("num_attention_heads", heads);
        c.put("num_hidden_layers", layers);
        c.put("num_key_value_heads", kvHeads);
        c.put("rms_norm_eps", 1e-6);
        c.putNull("rope_scaling");
        c.put("rope_theta", 10000.0);
        c.putNull("sliding_window");
        c.put("tie_word_embeddings", true);
        c.put("torch_dtype", "float32");
        c.put("transformers_version", "4.51.3");
        c.put("use_cache", true);
        c.put("use_sliding_window", false);
        c.put("vocab_size", vocabSize);
        JSON.writeValue(dir.resolve("config.json").toFile(), c);
    }

    /** Normal(0, 0.02) matrices and unit norms from {@code seed}; {@link Random}'s Gaussian is specified, so portable. */
    public Map<String, FloatTensor> initialWeights(long seed) {
        Random random = new Random(seed);
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        w.put("model.embed_tokens.weight", normal(random, vocabSize, hidden));                      // [V, D]
        for (int i = 0; i < layers; i++) {
            String p = "model.layers." + i + ".";
            w.put(p + "input_layernorm.weight", ones(hidden));                                        // [D]
            w.put(p + "self_attn.q_proj.weight", normal(random, heads * headDim, hidden));           // [H*hd, D]
            w.put(p + "self_attn.k_proj.weight", normal(random, kvHeads * headDim, hidden));         // [K*hd, D]
            w.put(p + "self_attn.v_proj.weight", normal(random, kvHeads * headDim, hidden));         // [K*hd, D]
            w.put(p + "self_attn.o_proj.weight", normal(random, hidden, heads * headDim));           // [D, H*hd]
            w.put(p + "self_attn.q_norm.weight", ones(headDim));                                      // [hd]
            w.put(p + "self_attn.k_norm.weight", ones(headDim));                                      // [hd]
            w.put(p + "post_attention_layernorm.weight", ones(hidden));                               // [D]
            w.put(p + "mlp.gate_proj.weight", normal(random, ffn, hidden));                          // [I, D]
            w.put(p + "mlp.up_proj.weight", normal(random, ffn, hidden));                            // [I, D]
            w.put(p + "mlp.down_proj.weight", normal(random, hidden, ffn));                          // [D, I]
        }
        w.put("model.norm.weight", ones(hidden));                                                     // [D]
        return w;
    }

    public void writeInitialWeights(Path dir, long seed) {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), initialWeights(seed), Map.of("format", "pt"));
    }

    private static FloatTensor normal(Random random, int rows, int cols) {
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * INIT_STD);
        }
        return new FloatTensor(data, new long[] {rows, cols});
    }

    private static FloatTensor ones(int n) {
        float[] data = new float[n];
        java.util.Arrays.fill(data, 1f);
        return new FloatTensor(data, new long[] {n});
    }
}
