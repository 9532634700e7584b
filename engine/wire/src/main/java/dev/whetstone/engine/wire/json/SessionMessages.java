package dev.whetstone.engine.wire.json;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the session calls: client config, sessions, heartbeats, telemetry, capabilities. */
public final class SessionMessages {
    private SessionMessages() {
    }

    /** {@code POST /client/config} and {@code /client/dynamic_config}. */
    public record ClientConfigRequest(String sdkVersion) {
    }

    /**
     * The feature flags a server hands the SDK. {@code usePyqwestTransport} must be false (clients without that
     * package fail otherwise); JWT exchange and create-via-load stay off.
     */
    public record ClientConfigResponse(boolean pjwtAuthEnabled, boolean usePyqwestTransport, boolean protoCompressFwdbwd,
                                       boolean parallelFwdbwdChunks, int fwdbwdMaxChunkLen, boolean sampleNoRetries,
                                       boolean createModelViaLoadWeights) {
    }

    /** {@code POST /client/dynamic_config}: how often the SDK asks again. */
    public record DynamicConfigResponse(int refreshIntervalSec) {
    }

    /** {@code POST /create_session}. */
    public record CreateSessionRequest(List<String> tags, Map<String, Object> userMetadata, String sdkVersion, String projectId,
                                       String type) {
    }

    /** The answer to create_session; {@code sessionId} is required. */
    public record CreateSessionResponse(String type, String sessionId, String infoMessage, String warningMessage,
                                        String errorMessage) {
    }

    /** {@code POST /session_heartbeat}. */
    public record SessionHeartbeatRequest(String sessionId, String type) {
    }

    /** The answer to a heartbeat. */
    public record SessionHeartbeatResponse(String type) {
    }

    /** The answer to telemetry; the SDK requires the literal {@code "accepted"}. */
    public record TelemetryResponse(String status) {
    }

    /** One model the server can load. */
    public record SupportedModel(String modelName, Integer maxContextLength) {
    }

    /**
     * {@code GET /get_server_capabilities}; {@code whetstone} is our extension (the SDK ignores it), absent on hosted
     * Tinker.
     */
    public record GetServerCapabilitiesResponse(List<SupportedModel> supportedModels, EngineDescription whetstone) {
    }

    /** What a Whetstone engine runs on, for {@code ServiceClient.getServerCapabilities()} over the wire. */
    public record EngineDescription(List<String> architectures, String device, String nativeFlavor, long totalMemoryBytes) {
    }

    /** {@code GET /healthz}. */
    public record HealthResponse(String status) {
    }

    /** A 4xx / 5xx body, as the SDK reads it ({@code {"detail": "..."}}). */
    public record ErrorResponse(String detail) {
    }
}
