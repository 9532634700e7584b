package dev.whetstone.engine.lora;

import dev.whetstone.engine.model.FloatTensor;
import java.util.Map;
import java.util.Objects;

/**
 * A LoRA adapter in host memory as PEFT stores it: {@code adapter_config.json} plus the factors of
 * {@code adapter_model.safetensors}.
 *
 * @param rank      r
 * @param alpha     lora_alpha
 * @param scale     alpha / r, or alpha / √r for rsLoRA
 * @param baseModel base_model_name_or_path, or null
 * @param factors   A [r, in] and B [out, r] per adapted site
 */
public record PeftAdapter(int rank, double alpha, double scale, String baseModel, Map<LoraSite, Factors> factors) {

    public PeftAdapter {
        Objects.requireNonNull(factors, "factors");
        factors = Map.copyOf(factors);
    }

    /** The two factors of one site. */
    public record Factors(FloatTensor a, FloatTensor b) {
    }
}
