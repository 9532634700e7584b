package dev.whetstone.engine;

import java.util.Objects;

/**
 * A description of a training model: its id, base model, architecture, LoRA rank and tokenizer.
 *
 * <p>{@code training.getInfo().join().loraRank()}
 *
 * @param modelId     id of the training model (its run id)
 * @param modelName   the base model it was created from (a folder or a repo id)
 * @param arch        architecture, as in {@code config.json} (e.g. {@code "Qwen3ForCausalLM"})
 * @param isLora      whether it trains a LoRA adapter
 * @param loraRank    the adapter's rank, non-null iff {@code isLora}
 * @param tokenizerId the tokenizer's {@link Tokenizer#id()}
 */
public record GetInfoResponse(String modelId, String modelName, String arch, boolean isLora, Integer loraRank,
                              String tokenizerId) {

    public GetInfoResponse {
        Objects.requireNonNull(modelId, "modelId");
        if (isLora && loraRank == null) {
            throw new IllegalArgumentException("loraRank must be set when isLora is true, was null");
        }
        if (!isLora && loraRank != null) {
            throw new IllegalArgumentException("loraRank must be null when isLora is false, was " + loraRank);
        }
        if (loraRank != null && loraRank < 1) {
            throw new IllegalArgumentException("loraRank must be >= 1, was " + loraRank);
        }
    }
}
