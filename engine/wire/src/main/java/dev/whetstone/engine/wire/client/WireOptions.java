package dev.whetstone.engine.wire.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client treats the network: how long it keeps retrying a call or a poll the server cannot answer
 * (connection refused, 408/429/5xx), the heartbeat interval, and the SDK version it reports to the server.
 *
 * @param retryWindow      how long to keep retrying one call before failing it with a clear error (the SDK: 5 min)
 * @param heartbeat        how often the session reports it is alive (the SDK: 10 s)
 * @param requestTimeout   how long one HTTP exchange may take; a long poll is answered sooner (about 30 s)
 * @param sdkVersion       the protocol version reported in {@code client/config} and {@code create_session}
 */
public record WireOptions(Duration retryWindow, Duration heartbeat, Duration requestTimeout, String sdkVersion) {
    /** The Tinker SDK release whose protocol this client speaks (TINKER-WIRE.md). */
    public static final String PROTOCOL_SDK_VERSION = "0.25.0";

    public WireOptions {
        Objects.requireNonNull(retryWindow, "retryWindow");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(sdkVersion, "sdkVersion");
    }

    /** 5 minutes of retries, a heartbeat every 10 s, 60 s per exchange, SDK 0.25.0. */
    public static WireOptions defaults() {
        return new WireOptions(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(60), PROTOCOL_SDK_VERSION);
    }

    /** {@code WireOptions.defaults().withRetryWindow(Duration.ofSeconds(5))} */
    public WireOptions withRetryWindow(Duration retryWindow) {
        return new WireOptions(retryWindow, heartbeat, requestTimeout, sdkVersion);
    }
}
