package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.wire.json.SessionMessages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session on the remote engine, opened as the SDK opens it ({@code client/config}, then
 * {@code create_session}) and kept alive with a heartbeat; it numbers the models and sampling sessions created in
 * it. A heartbeat that fails is logged, not fatal (the server may be restarting).
 */
final class RemoteSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSession.class);

    private final Connection connection;
    private final String id;
    private final SessionMessages.ClientConfigResponse config;
    private final AtomicInteger modelSeq = new AtomicInteger();
    private final AtomicInteger samplerSeq = new AtomicInteger();
    private final ScheduledFuture<?> heartbeat;

    private RemoteSession(Connection connection, String id, SessionMessages.ClientConfigResponse config) {
        this.connection = connection;
        this.id = id;
        this.config = config;
        long every = connection.options().heartbeat().toMillis();
        this.heartbeat = connection.timer().scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Asks for the client config and opens a session; an unreachable server, a wrong key or a non-Tinker URL fails here. */
    static RemoteSession open(Connection connection) {
        String version = connection.options().sdkVersion();
        SessionMessages.ClientConfigResponse config = connection.send(Connection.Call.json("POST", "client/config",
                new SessionMessages.ClientConfigRequest(version))).join().json(SessionMessages.ClientConfigResponse.class);
        if (config.pjwtAuthEnabled()) {
            throw new RemoteRequestException("the engine at " + connection.base() + " asks for JWT exchange (pjwt_auth_enabled), "
                    + "which this client does not do; use an API key it accepts directly", "user", 0);
        }
        SessionMessages.CreateSessionResponse session = connection.send(Connection.Call.json("POST", "create_session",
                new SessionMessages.CreateSessionRequest(List.of(), Map.of(), version, null, "create_session")))
                .join().json(SessionMessages.CreateSessionResponse.class);
        if (session.sessionId() == null) {
            throw new RemoteRequestException("the engine at " + connection.base() + " answered create_session without a session_id",
                    "server", 200);
        }
        if (session.errorMessage() != null) {
            throw new RemoteRequestException(session.errorMessage(), "user", 200);
        }
        if (session.warningMessage() != null) {
            LOG.warn("{}: {}", connection.base(), session.warningMessage());
        }
        return new RemoteSession(connection, session.sessionId(), config);
    }

    String id() {
        return id;
    }

    /** Whether forward_backward bodies go zstd-compressed (the server's {@code proto_compress_fwdbwd}). */
    boolean compressForwardBackward() {
        return config.protoCompressFwdbwd();
    }

    /** Datums per forward_backward request (the server's {@code fwdbwd_max_chunk_len}). */
    int maxChunkDatums() {
        return config.fwdbwdMaxChunkLen() > 0 ? config.fwdbwdMaxChunkLen() : 1024;
    }

    int nextModelSeq() {
        return modelSeq.getAndIncrement();
    }

    int nextSamplerSeq() {
        return samplerSeq.getAndIncrement();
    }

    private void beat() {
        connection.once(Connection.Call.json("POST", "session_heartbeat", new SessionMessages.SessionHeartbeatRequest(id,
                "session_heartbeat")), "whetstone-heartbeat", 0).whenComplete((answer, error) -> {
                    if (error != null || answer.status() != 200) {
                        LOG.debug("heartbeat of session {} failed: {}", id, error != null ? error : answer.preview());
                    }
                });
    }

    @Override
    public void close() {
        heartbeat.cancel(false);
    }
}
