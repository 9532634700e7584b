package dev.whetstone.app.models;

import dev.whetstone.engine.model.Architecture;
import dev.whetstone.engine.model.ModelConfig;
import java.util.List;
import java.util.Objects;

/**
 * A model the Download dialog suggests, with the shape of its {@code config.json} and the size of its weights as
 * its hub page lists them, so the download and the LoRA memory can be shown before anything is fetched (the
 * exact total shows once the download starts).
 *
 * @param repoId        the hub repo id
 * @param summary       one line on what it is good for
 * @param shape         its architecture and sizes
 * @param downloadBytes about how much the files the model needs weigh (bfloat16 safetensors; some repos store a
 *                      tied head twice, so this is not always twice the parameter count)
 * @param gated         whether the hub asks for an accepted licence and a token first
 */
public record RecommendedModel(String repoId, String summary, ModelConfig shape, long downloadBytes, boolean gated) {
    private static final long MB = 1_000_000L;

    public RecommendedModel {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(shape, "shape");
        if (downloadBytes <= 0) {
            throw new IllegalArgumentException("downloadBytes must be > 0, was " + downloadBytes);
        }
    }

    /** The suggestions, smallest first: every one an architecture the engine trains. */
    public static List<RecommendedModel> all() {
        return List.of(
                new RecommendedModel("HuggingFaceTB/SmolLM2-135M-Instruct", "Llama architecture; the quickest to fine-tune on a CPU",
                        shape(Architecture.LLAMA, 49_152, 576, 1536, 30, 9, 3, 64, 100_000, 8192, false), 269 * MB, false),
                new RecommendedModel("HuggingFaceTB/SmolLM2-360M-Instruct", "Llama architecture; small enough for a laptop CPU",
                        shape(Architecture.LLAMA, 49_152, 960, 2560, 32, 15, 5, 64, 100_000, 8192, false), 724 * MB, false),
                new RecommendedModel("Qwen/Qwen2.5-0.5B-Instruct", "Qwen2.5 chat model; multilingual, 32K context",
                        shape(Architecture.QWEN2, 151_936, 896, 4864, 24, 14, 2, 64, 1_000_000, 32_768, false), 988 * MB, false),
                new RecommendedModel("Qwen/Qwen3-0.6B", "Qwen3 with thinking mode; a good first GPU model",
                        shape(Architecture.QWEN3, 151_936, 1024, 3072, 28, 16, 8, 128, 1_000_000, 40_960, true), 1_503 * MB, false),
                new RecommendedModel("meta-llama/Llama-3.2-1B-Instruct", "Llama 3.2 chat model, 128K context; gated: accept"
                        + " Meta's licence on its page and set HF_TOKEN",
                        shape(Architecture.LLAMA, 128_256, 2048, 8192, 16, 32, 8, 64, 500_000, 131_072, false), 2_471 * MB, true),
                new RecommendedModel("Qwen/Qwen3-1.7B", "Qwen3 with thinking mode; wants a GPU",
                        shape(Architecture.QWEN3, 151_936, 2048, 6144, 28, 16, 8, 128, 1_000_000, 40_960, true), 4_065 * MB, false),
                new RecommendedModel("Qwen/Qwen3-4B", "Qwen3 with thinking mode; a 16 GB GPU",
                        shape(Architecture.QWEN3, 151_936, 2560, 9728, 36, 32, 8, 128, 1_000_000, 40_960, true), 8_045 * MB, false));
    }

    private static ModelConfig shape(Architecture arch, int vocab, int hidden, int intermediate, int layers, int heads,
                                     int kvHeads, int headDim, double ropeTheta, int context, boolean qkNorm) {
        return new ModelConfig(arch, vocab, hidden, intermediate, layers, heads, kvHeads, headDim, 1e-6, ropeTheta, null,
                context, true, arch == Architecture.QWEN2, qkNorm, null, List.of(), "bfloat16");
    }
}
