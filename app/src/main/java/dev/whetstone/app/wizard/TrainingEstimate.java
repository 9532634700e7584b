package dev.whetstone.app.wizard;

import dev.whetstone.app.fx.Units;
import dev.whetstone.app.models.LoraMemoryEstimate;
import dev.whetstone.app.models.LoraSettings;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.MethodData;
import dev.whetstone.engine.run.TrainingData;
import java.util.Locale;

/**
 * Rough estimates for the Review step: memory (from {@link LoraMemoryEstimate}) and time per epoch:
 *
 * <pre>
 * FLOPs per epoch = 4 × parameters × input tokens   (forward 2·P·T, backward through activations 2·P·T;
 *                                                    LoRA skips the base weights' gradients)
 * seconds         = FLOPs / throughput               (CPU ≈ 50 GFLOP/s, a recent GPU ≈ 30 TFLOP/s in practice)
 * </pre>
 *
 * Both are ±50% at best; the run dashboard shows the measured tokens per second.
 *
 * @param memoryBytes       the memory LoRA training needs
 * @param stepsPerEpoch     optimizer steps per pass over the data
 * @param tokensPerEpoch    input tokens per pass
 * @param cpuSecondsPerEpoch estimated seconds per epoch on a CPU
 * @param gpuSecondsPerEpoch estimated seconds per epoch on a GPU
 */
public record TrainingEstimate(long memoryBytes, long stepsPerEpoch, long tokensPerEpoch, double cpuSecondsPerEpoch,
                               double gpuSecondsPerEpoch) {
    static final double CPU_FLOPS = 50e9;
    static final double GPU_FLOPS = 30e12;

    /** The estimate for {@code config} over {@code data} on {@code model}. */
    public static TrainingEstimate of(ModelConfig model, TrainingConfig config, TrainingData data) {
        int length = Math.max(LoraSettings.MIN_LENGTH, Math.min(config.maxLength(), LoraSettings.MAX_LENGTH));
        LoraSettings settings = new LoraSettings(Math.min(config.lora().rank(), LoraSettings.MAX_RANK),
                Math.min(config.batchSize(), LoraSettings.MAX_BATCH), length);
        long memory = LoraMemoryEstimate.of(model, settings, 4).totalBytes();
        long tokens = data.method() instanceof MethodData.Prompts prompts ? sampledTokens(prompts, config)
                : TrainingData.inputTokens(data.train());
        double flops = 4.0 * model.parameterCount() * tokens;
        long steps = (data.examples() + config.batchSize() - 1) / config.batchSize();
        return new TrainingEstimate(memory, steps, tokens, flops / CPU_FLOPS, flops / GPU_FLOPS);
    }

    /** GRPO trains on its samples: a group per prompt, each at most the prompt plus {@code maxTokens}. */
    private static long sampledTokens(MethodData.Prompts prompts, TrainingConfig config) {
        long tokens = 0;
        for (var prompt : prompts.train()) {
            tokens += (long) config.grpo().groupSize() * (prompt.input().length() + config.grpo().maxTokens());
        }
        return tokens;
    }

    /** {@code "≈ 2 min on a CPU, ≈ 1 s on a GPU"} */
    public String timeText() {
        return "≈ " + duration(cpuSecondsPerEpoch) + " on a CPU, ≈ " + duration(gpuSecondsPerEpoch) + " on a GPU";
    }

    public String memoryText() {
        return "≈ " + Units.bytes(memoryBytes) + " (±50%)";
    }

    static String duration(double seconds) {
        if (seconds < 1) {
            return "under 1 s";
        }
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
