package dev.whetstone.engine.server;

import dev.whetstone.engine.SamplingClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sampling session: its id ({@code <session>:sample:<n>}), the sampler (still loading, maybe), what it samples
 * (a base model, or a {@code tinker://} path), and the request id of each seq_id seen (retries are not re-run).
 */
record ServedSampler(String samplerId, String sessionId, CompletableFuture<SamplingClient> client, String baseModel,
                     String modelPath, Map<Integer, String> requestIds) {

    ServedSampler(String samplerId, String sessionId, CompletableFuture<SamplingClient> client, String baseModel, String modelPath) {
        this(samplerId, sessionId, client, baseModel, modelPath, new ConcurrentHashMap<>());
    }

    /** Frees the sampler's snapshot, if it holds one, once it has loaded. */
    void close() {
        client.thenAccept(c -> {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ServedSampler.class).warn("could not close sampler {}", samplerId, e);
                }
            }
        });
    }
}
