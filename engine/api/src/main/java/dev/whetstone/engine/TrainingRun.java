package dev.whetstone.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One training run (one training client's life) under the engine home.
 *
 * @param trainingRunId the run id, also the first part of its {@code tinker://} paths
 * @param baseModel     the base model as given when the run was created
 * @param isLora        whether the run trains a LoRA adapter
 * @param loraRank      the adapter rank, or null
 * @param lastRequestTime when the run last changed
 */
public record TrainingRun(String trainingRunId, String baseModel, boolean isLora, Integer loraRank,
                          Instant lastRequestTime) {
    public TrainingRun {
        Objects.requireNonNull(trainingRunId, "trainingRunId");
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(lastRequestTime, "lastRequestTime");
    }
}
