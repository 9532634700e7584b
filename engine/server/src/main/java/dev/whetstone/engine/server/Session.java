package dev.whetstone.engine.server;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client session (one SDK {@code ServiceClient}): when it was last heard from, and the request ids of the
 * models and sampling sessions it created, by their per-session sequence numbers (so retries are not re-run).
 */
final class Session {
    private final String id;
    private volatile Instant lastSeen;
    private final Map<Integer, String> modelRequests = new ConcurrentHashMap<>();
    private final Map<Integer, String> samplerIds = new ConcurrentHashMap<>();

    Session(String id, Instant now) {
        this.id = id;
        this.lastSeen = now;
    }

    String id() {
        return id;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void seen(Instant now) {
        lastSeen = now;
    }

    /** create_model requests by model_seq_id. */
    Map<Integer, String> modelRequests() {
        return modelRequests;
    }

    /** Sampling session ids by sampling_session_seq_id. */
    Map<Integer, String> samplerIds() {
        return samplerIds;
    }
}
