package dev.whetstone.engine.run;

import dev.whetstone.engine.model.ModelConfig;

/**
 * A starting learning rate for LoRA from the model's hidden size, by tinker-cookbook's rule
 * ({@code hyperparam_utils.get_lr}): {@code 5e-5 × 10 × (2000 / hidden) ^ P} with P = 0.781 for Llama and
 * 0.0775 for Qwen (TINKER.md §6). Other families use the Qwen exponent, and say so.
 *
 * @param learningRate the suggestion
 * @param reason       how it was derived, for people
 */
public record LearningRateSuggestion(double learningRate, String reason) {
    private static final double BASE = 5e-5;
    private static final double LORA_MULTIPLIER = 10;

    /** The suggestion for LoRA on {@code config}. */
    public static LearningRateSuggestion forLora(ModelConfig config) {
        boolean llama = config.architecture().hfName().startsWith("Llama");
        double exponent = llama ? 0.781 : 0.0775;
        double lr = BASE * LORA_MULTIPLIER * Math.pow(2000.0 / config.hiddenSize(), exponent);
        String family = llama ? "Llama" : config.architecture().hfName().startsWith("Qwen") ? "Qwen" : "Qwen (no rule for this family)";
        String reason = String.format("tinker-cookbook's rule: 5e-5 × 10 (LoRA) × (2000 / hidden size %d)^%.4f (%s exponent) = %.2e",
                config.hiddenSize(), exponent, family, lr);
        return new LearningRateSuggestion(lr, reason);
    }

    /** For full fine-tuning: the LoRA suggestion divided by Tinker's LoRA-over-full ratio of 10. */
    public static LearningRateSuggestion forFullFineTuning(ModelConfig config) {
        LearningRateSuggestion lora = forLora(config);
        return new LearningRateSuggestion(lora.learningRate() / LORA_MULTIPLIER,
                lora.reason() + "; divided by 10 for full fine-tuning (get_lora_lr_over_full_finetune_lr)");
    }
}
