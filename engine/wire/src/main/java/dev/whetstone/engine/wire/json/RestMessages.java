package dev.whetstone.engine.wire.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The JSON of the REST routes: training runs, checkpoints, TTL, archives. Times are ISO-8601 strings. */
public final class RestMessages {
    private RestMessages() {
    }

    /** One checkpoint; {@code checkpointId} includes its kind ({@code weights/<name>}). */
    public record CheckpointJson(String checkpointId, String checkpointType, String time, String tinkerPath, Long sizeBytes,
                                 @JsonProperty("public") boolean isPublic, String expiresAt) {
    }

    /** Paging of a list. */
    public record CursorJson(int offset, int limit, int totalCount) {
    }

    /** One training run. */
    public record TrainingRunJson(String trainingRunId, String baseModel, String modelOwner, boolean isLora, boolean corrupted,
                                  Integer loraRank, String lastRequestTime, CheckpointJson lastCheckpoint,
                                  CheckpointJson lastSamplerCheckpoint, Map<String, String> userMetadata) {
    }

    /** {@code GET /training_runs}. */
    public record TrainingRunsResponse(List<TrainingRunJson> trainingRuns, CursorJson cursor) {
    }

    /** {@code GET /training_runs/{id}/checkpoints} and {@code GET /checkpoints}. */
    public record CheckpointsListResponse(List<CheckpointJson> checkpoints, CursorJson cursor) {
    }

    /** {@code GET .../checkpoints/{checkpoint_id}/archive}: where to download the tar, and until when. */
    public record CheckpointArchiveUrlResponse(String url, String expires) {
    }

    /** {@code PUT .../checkpoints/{checkpoint_id}/ttl}; null removes the expiry. */
    public record TtlRequest(Long ttlSeconds) {
    }
}
