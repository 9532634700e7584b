package dev.whetstone.engine.server;

import dev.whetstone.engine.TrainingClient;
import java.util.Map;

/**
 * A training model a session created: its id on the wire (the engine's run id, so its checkpoints are
 * {@code tinker://<model-id>/...}), the client that trains it, and the order its requests are applied in.
 */
record ServedModel(String modelId, String sessionId, TrainingClient client, String baseModel, Map<String, Object> userMetadata,
                   Sequencer sequencer) {
}
