package dev.whetstone.engine.server;

import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.wire.json.SessionMessages;

/**
 * The session calls: client config (the flags that keep the SDK on plain httpx, no JWT exchange), dynamic config,
 * create_session, heartbeats, telemetry (accepted and dropped), capabilities and health.
 */
final class SessionRoutes {
    /** Datums per forward_backward chunk the SDK is told to send. */
    static final int MAX_CHUNK_DATUMS = 1024;

    private final EngineHost host;
    private final ServableModels servable;

    SessionRoutes(EngineHost host, ServableModels servable) {
        this.host = host;
        this.servable = servable;
    }

    void register(Router router) {
        router.add("POST", "client/config", Route.now(call -> Reply.json(new SessionMessages.ClientConfigResponse(
                        false, false, false, true, MAX_CHUNK_DATUMS, false, false))))
                .add("POST", "client/dynamic_config", Route.now(call -> Reply.json(new SessionMessages.DynamicConfigResponse(300))))
                .add("POST", "create_session", Route.now(this::createSession))
                .add("POST", "session_heartbeat", Route.now(this::heartbeat))
                .add("POST", "telemetry", Route.now(call -> Reply.json(new SessionMessages.TelemetryResponse("accepted"))))
                .add("GET", "get_server_capabilities", Route.now(call -> Reply.json(capabilities())))
                .add("GET", "healthz", Route.now(call -> Reply.json(new SessionMessages.HealthResponse("ok"))));
    }

    private SessionMessages.GetServerCapabilitiesResponse capabilities() {
        ServerCapabilities caps = host.engine().getServerCapabilities();
        return new SessionMessages.GetServerCapabilitiesResponse(servable.list(), new SessionMessages.EngineDescription(
                caps.supportedArchitectures(), caps.device(), caps.nativeFlavor(), caps.totalMemoryBytes()));
    }

    private Reply createSession(HttpCall call) {
        call.json(SessionMessages.CreateSessionRequest.class);   // validates the body; tags and metadata are not kept
        Session session = host.newSession();
        return Reply.json(new SessionMessages.CreateSessionResponse("create_session", session.id(), null, null, null));
    }

    private Reply heartbeat(HttpCall call) {
        host.session(call.json(SessionMessages.SessionHeartbeatRequest.class).sessionId());
        return Reply.json(new SessionMessages.SessionHeartbeatResponse("session_heartbeat"));
    }
}
