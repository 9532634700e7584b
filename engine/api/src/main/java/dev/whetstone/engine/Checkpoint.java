package dev.whetstone.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved checkpoint, as Tinker lists it: id {@code weights/<name>} or {@code sampler_weights/<name>}.
 *
 * @param checkpointId   {@code weights/<name>} or {@code sampler_weights/<name>}
 * @param type           training (adapter + optimizer) or sampler (adapter only)
 * @param time           when it became complete
 * @param tinkerPath     {@code tinker://<run-id>/<checkpointId>}
 * @param sizeBytes      bytes on disk
 * @param expiresAt      when it expires, or null for never
 */
public record Checkpoint(String checkpointId, CheckpointType type, Instant time, String tinkerPath,
                         long sizeBytes, Instant expiresAt) {

    /** Training (adapter and optimizer state) or sampler (adapter only). */
    public enum CheckpointType { TRAINING, SAMPLER }

    public Checkpoint {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tinkerPath, "tinkerPath");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }
}
