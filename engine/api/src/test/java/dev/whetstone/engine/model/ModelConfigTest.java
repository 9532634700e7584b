package dev.whetstone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private ModelConfig read(String json) throws IOException {
        return ModelConfig.read(write(json));
    }

    /** Qwen/Qwen3-0.6B's config.json, abridged. */
    private static final String QWEN3 = """
            {"architectures": ["Qwen3ForCausalLM"], "attention_bias": false, "bos_token_id": 151643,
             "eos_token_id": 151645, "head_dim": 128, "hidden_act": "silu", "hidden_size": 1024,
             "intermediate_size": 3072, "max_position_embeddings": 40960, "model_type": "qwen3",
             "num_attention_heads": 16, "num_hidden_layers": 28, "num_key_value_heads": 8,
             "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16", "vocab_size": 151936}
            """;

    @Test
    void readsQwen3WithExplicitHeadDim() throws IOException {
        ModelConfig c = read(QWEN3);
        assertThat(c.architecture()).isEqualTo(Architecture.QWEN3);
        assertThat(c.headDim()).isEqualTo(128); // not 1024 / 16 = 64
        assertThat(c.numKvHeads()).isEqualTo(8);
        assertThat(c.kvGroups()).isEqualTo(2);
        assertThat(c.qkNorm()).isTrue();
        assertThat(c.attentionBias()).isFalse();
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.ropeTheta()).isEqualTo(1e6);
        assertThat(c.ropeScaling()).isNull();
        assertThat(c.bosTokenId()).isEqualTo(151643);
        assertThat(c.eosTokenIds()).containsExactly(151645);
        assertThat(c.torchDtype()).isEqualTo("bfloat16");
        assertThat(c.maxPositionEmbeddings()).isEqualTo(40960);
        assertThat(c.parameterCount()).isEqualTo(596_049_920L); // Qwen3-0.6B: 0.6B with tied head
    }

    @Test
    void readsQwen2WithAlwaysOnQkvBiasAndListOfEos() throws IOException {
        ModelConfig c = read("""
                {"architectures": ["Qwen2ForCausalLM"], "hidden_size": 896, "intermediate_size": 4864,
                 "num_attention_heads": 14, "num_hidden_layers": 24, "num_key_value_heads": 2,
                 "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "vocab_size": 151936,
                 "tie_word_embeddings": true, "bos_token_id": 151643, "eos_token_id": [151645, 151643],
                 "use_sliding_window": false, "sliding_window": 32768}
                """);
        assertThat(c.architecture()).isEqualTo(Architecture.QWEN2);
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.attentionBias()).isTrue();
        assertThat(c.outputProjectionBias()).isFalse();
        assertThat(c.qkNorm()).isFalse();
        assertThat(c.eosTokenIds()).containsExactly(151645, 151643);
        assertThat(c.parameterCount()).isEqualTo(494_032_768L); // Qwen2.5-0.5B
    }

    @Test
    void readsLlama31WithLlama3RopeScaling() throws IOException {
        ModelConfig c = read("""
                {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 128000,
                 "eos_token_id": [128001, 128008, 128009], "hidden_size": 4096, "intermediate_size": 14336,
                 "max_position_embeddings": 131072, "mlp_bias": false, "num_attention_heads": 32,
                 "num_hidden_layers": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05,
                 "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                 "rope_theta": 500000.0, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
                 "vocab_size": 128256}
                """);
        assertThat(c.architecture()).isEqualTo(Architecture.LLAMA);
        assertThat(c.ropeScaling()).isEqualTo(RopeScaling.llama3(8, 1, 4, 8192));
        assertThat(c.rmsNormEps()).isEqualTo(1e-5);
        assertThat(c.headDim()).isEqualTo(128);
        assertThat(c.qkNorm()).isFalse();
        assertThat(c.parameterCount()).isEqualTo(8_030_261_248L); // Llama 3.1 8B
    }

    @Test
    void acceptsLegacyTypeKeyAndDefaultScaling() throws IOException {
        ModelConfig legacy = read(llama("\"rope_scaling\": {\"type\": \"llama3\", \"factor\": 32, "
                + "\"low_freq_factor\": 1, \"high_freq_factor\": 4, \"original_max_position_embeddings\": 8192}"));
        assertThat(legacy.ropeScaling().factor()).isEqualTo(32);
        assertThat(read(llama("\"rope_scaling\": {\"rope_type\": \"default\"}")).ropeScaling()).isNull();
    }

    @Test
    void readsTransformers5RopeParameters() throws IOException {
        ModelConfig c = read(llama("\"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 123456}"));
        assertThat(c.ropeTheta()).isEqualTo(123456);
        assertThat(c.ropeScaling()).isNull();
    }

    @Test
    void appliesLlamaDefaults() throws IOException {
        ModelConfig c = read(llama(null));
        assertThat(c.numKvHeads()).isEqualTo(4); // absent: = num_attention_heads
        assertThat(c.ropeTheta()).isEqualTo(10000);
        assertThat(c.rmsNormEps()).isEqualTo(1e-6);
        assertThat(c.tieWordEmbeddings()).isFalse();
        assertThat(c.attentionBias()).isFalse();
        assertThat(c.maxPositionEmbeddings()).isEqualTo(2048);
        assertThat(c.bosTokenId()).isEqualTo(1);
        assertThat(c.eosTokenIds()).containsExactly(2);
        assertThat(c.torchDtype()).isEqualTo("float32");
    }

    @Test
    void readsLlamaAttentionBias() throws IOException {
        ModelConfig c = read(llama("\"attention_bias\": true"));
        assertThat(c.attentionBias()).isTrue();
        assertThat(c.outputProjectionBias()).isTrue();
    }

    @Test
    void readsMistralWithNullHeadDim() throws IOException {
        ModelConfig c = read("""
                {"architectures": ["MistralForCausalLM"], "head_dim": null, "hidden_size": 4096,
                 "intermediate_size": 14336, "num_attention_heads": 32, "num_hidden_layers": 32,
                 "num_key_value_heads": 8, "rms_norm_eps": 1e-05, "rope_theta": 1000000.0,
                 "sliding_window": null, "vocab_size": 32768, "attention_bias": true}
                """);
        assertThat(c.architecture()).isEqualTo(Architecture.MISTRAL);
        assertThat(c.headDim()).isEqualTo(128);
        assertThat(c.attentionBias()).isFalse(); // MistralAttention has no biases
        assertThat(c.maxPositionEmbeddings()).isEqualTo(131072);
        assertThat(c.kvGroups()).isEqualTo(4);
    }

    @Test
    void qwen3WithoutHeadDimUsesQwen3ConfigDefault() throws IOException {
        ModelConfig c = read(QWEN3.replace("\"head_dim\": 128,", ""));
        assertThat(c.headDim()).isEqualTo(128);
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path file = write(QWEN3.replace("\"hidden_size\": 1024,", ""));
        assertThatThrownBy(() -> ModelConfig.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": field 'hidden_size' is missing; the file is corrupt or not a decoder config");
    }

    @Test
    void unknownArchitectureListsTheSupportedOnes() throws IOException {
        Path file = write(QWEN3.replace("Qwen3ForCausalLM", "GPT2LMHeadModel"));
        assertThatThrownBy(() -> ModelConfig.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'GPT2LMHeadModel' is not supported")
                .hasMessageContaining("Qwen3ForCausalLM, Qwen2ForCausalLM, LlamaForCausalLM, MistralForCausalLM");
    }

    @Test
    void kvHeadsThatDoNotDivideHeadsAreRejected() throws IOException {
        Path file = write(llama("\"num_key_value_heads\": 3").replace("\"num_attention_heads\": 4",
                "\"num_attention_heads\": 8"));
        assertThatThrownBy(() -> ModelConfig.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": field 'num_key_value_heads' = 3 must divide 'num_attention_heads' = 8;"
                        + " the file is corrupt or not a decoder config");
    }

    @Test
    void badValuesAreNamedWithTheValue() throws IOException {
        assertRejected(llama(null).replace("\"vocab_size\": 100", "\"vocab_size\": 0"), "'vocab_size' = 0 must be > 0");
        assertRejected(llama(null).replace("\"vocab_size\": 100", "\"vocab_size\": \"many\""),
                "'vocab_size' = \"many\" must be a whole number");
        assertRejected(llama(null).replace("\"vocab_size\": 100", "\"vocab_size\": 10.5"),
                "'vocab_size' = 10.5 must be a whole number");
        assertRejected(llama("\"tie_word_embeddings\": \"yes\""),
                "'tie_word_embeddings' = \"yes\" must be true or false");
        assertRejected(llama("\"rope_theta\": -1"), "'rope_theta' = -1 must be a number > 1");
        assertRejected(llama("\"hidden_act\": \"gelu\""), "'hidden_act' = \"gelu\" is not supported");
        assertRejected(llama("\"mlp_bias\": true"), "'mlp_bias' = true is not supported");
        assertRejected(llama("\"head_dim\": 7"), "head dim = 7 must be even");
    }

    @Test
    void unsupportedRopeScalingNamesTheSupportedOne() throws IOException {
        assertRejected(llama("\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4}"),
                "'rope_scaling.rope_type' = \"yarn\" is not supported; supported: \"llama3\"");
        assertRejected(llama("\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8}"),
                "'rope_scaling.low_freq_factor' = null must be a number");
        assertRejected(llama("\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8, \"low_freq_factor\": 4,"
                + " \"high_freq_factor\": 1, \"original_max_position_embeddings\": 8192}"),
                "lowFreqFactor < highFreqFactor");
    }

    @Test
    void notJsonOrMissingFileIsAModelFormatException() throws IOException {
        assertRejected("{\"architectures\": [", "is not valid JSON");
        Path missing = dir.resolve("none/config.json");
        assertThatThrownBy(() -> ModelConfig.read(missing)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(missing + " does not exist");
    }

    private void assertRejected(String json, String detail) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> ModelConfig.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(detail);
    }

    /** A tiny Llama config with only the required keys, plus {@code extra} if not null. */
    private static String llama(String extra) {
        return "{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": 16, \"intermediate_size\": 32,"
                + " \"num_attention_heads\": 4, \"num_hidden_layers\": 2, \"vocab_size\": 100"
                + (extra == null ? "" : ", " + extra) + "}";
    }
}
