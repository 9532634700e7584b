package dev.whetstone.app.checkpoints;

import dev.whetstone.engine.Checkpoint;
import java.time.Instant;

/**
 * One checkpoint in the manager: its run, its step (from the run's {@code checkpoints.jsonl}, or -1 when
 * the run was not supervised) and the store's record (type, time, size, expiry, {@code tinker://} path).
 */
public record CheckpointRow(String runId, long step, Checkpoint checkpoint) {

    public String path() {
        return checkpoint.tinkerPath();
    }

    /** The name after {@code weights/} or {@code sampler_weights/}. */
    public String name() {
        String id = checkpoint.checkpointId();
        return id.substring(id.indexOf('/') + 1);
    }

    public boolean isSampler() {
        return checkpoint.type() == Checkpoint.CheckpointType.SAMPLER;
    }

    public Instant expiresAt() {
        return checkpoint.expiresAt();
    }
}
