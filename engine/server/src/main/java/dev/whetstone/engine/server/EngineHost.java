package dev.whetstone.engine.server;

import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind the server and everything clients created on it: sessions, their training models and
 * sampling sessions, and the pending results. A session that stops sending heartbeats is closed with its models;
 * nothing one session does touches another's.
 */
final class EngineHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);

    private final ServiceClient engine;
    private final Path home;
    private final LocalCheckpointStore records;
    private final PendingResults results;
    private final Duration sessionTimeout;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, ServedModel> models = new ConcurrentHashMap<>();
    private final Map<String, ServedSampler> samplers = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "whetstone-serve-work");
        t.setDaemon(true);
        return t;
    });

    EngineHost(ServiceClient engine, Path home, PendingResults results, Duration sessionTimeout) {
        this.engine = engine;
        this.home = home;
        this.records = engine.checkpoints() instanceof LocalCheckpointStore local ? local : new LocalCheckpointStore(home);
        this.results = results;
        this.sessionTimeout = sessionTimeout;
    }

    ServiceClient engine() {
        return engine;
    }

    Path home() {
        return home;
    }

    CheckpointStore checkpoints() {
        return engine.checkpoints();
    }

    /** The checkpoint records under the engine home (base model and LoRA shape of a {@code tinker://} path). */
    LocalCheckpointStore records() {
        return records;
    }

    PendingResults results() {
        return results;
    }

    /** Threads for blocking work a request starts (loading a model by run id, unloading one). */
    Executor background() {
        return background;
    }

    Session newSession() {
        Session session = new Session(UUID.randomUUID().toString(), Instant.now());
        sessions.put(session.id(), session);
        return session;
    }

    /** The session, marked as seen; 404 naming the fix when the server does not know it. */
    Session session(String sessionId) {
        Session session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null) {
            throw HttpError.notFound("unknown session '" + sessionId + "': the server restarted or closed it after "
                    + sessionTimeout.toMinutes() + " minutes without a heartbeat; create a new ServiceClient");
        }
        session.seen(Instant.now());
        return session;
    }

    void addModel(ServedModel model) {
        models.put(model.modelId(), model);
    }

    /** The model, marking its session as seen; 404 when unknown. */
    ServedModel model(String modelId) {
        ServedModel model = modelId == null ? null : models.get(modelId);
        if (model == null) {
            throw HttpError.notFound("unknown model_id '" + modelId + "': it was never created here, was unloaded, or the server "
                    + "restarted; create the training client again (from its last checkpoint)");
        }
        Session s = sessions.get(model.sessionId());
        if (s != null) {
            s.seen(Instant.now());
        }
        return model;
    }

    ServedModel removeModel(String modelId) {
        return models.remove(modelId);
    }

    void addSampler(ServedSampler sampler) {
        samplers.put(sampler.samplerId(), sampler);
    }

    /** The sampling session; 404 when unknown. */
    ServedSampler sampler(String samplerId) {
        ServedSampler sampler = samplerId == null ? null : samplers.get(samplerId);
        if (sampler == null) {
            throw HttpError.notFound("unknown sampling session '" + samplerId + "': it was never created here or the server "
                    + "restarted; create the sampling client again");
        }
        return sampler;
    }

    /** Closes the sessions not heard from within the timeout, with their models and samplers; drops old results. */
    void sweep(Instant now) {
        for (Session s : List.copyOf(sessions.values())) {
            if (s.lastSeen().plus(sessionTimeout).isBefore(now)) {
                LOG.info("closing session {}: no heartbeat for {} minutes", s.id(), sessionTimeout.toMinutes());
                closeSession(s.id());
            }
        }
        results.sweep(now);
    }

    private void closeSession(String sessionId) {
        sessions.remove(sessionId);
        for (ServedModel m : List.copyOf(models.values())) {
            if (m.sessionId().equals(sessionId)) {
                models.remove(m.modelId());
                closeQuietly(m.client());
            }
        }
        for (ServedSampler s : List.copyOf(samplers.values())) {
            if (sessionId.equals(s.sessionId())) {
                samplers.remove(s.samplerId());
                s.close();
            }
        }
    }

    static void closeQuietly(TrainingClient client) {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.warn("could not close a training client", e);
        }
    }

    @Override
    public void close() {
        for (String id : List.copyOf(sessions.keySet())) {
            closeSession(id);
        }
        for (ServedSampler s : List.copyOf(samplers.values())) {
            s.close();
        }
        samplers.clear();
        background.shutdown();
    }
}
