package dev.whetstone.engine.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code whetstone serve} listens: address and port, the API key file (required on any non-loopback
 * address), and the limits that protect the engine.
 *
 * <p>{@code ServerOptions.loopback(0)} is an ephemeral port on 127.0.0.1 without a key, for tests.
 *
 * @param host               address to bind; loopback by default
 * @param port               TCP port, 0 for an ephemeral one
 * @param apiKeyFile         file whose first line is the key, or null (loopback only)
 * @param maxBodyBytes       largest request body accepted (after zstd decompression), in bytes
 * @param maxPendingRequests most unfinished futures at once; more gets 429
 * @param longPoll           how long retrieve_future waits for a result before answering {@code try_again}
 * @param sessionTimeout     a session with no heartbeat for this long is closed and its models freed
 */
public record ServerOptions(String host, int port, Path apiKeyFile, long maxBodyBytes, int maxPendingRequests,
                            Duration longPoll, Duration sessionTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1024, was " + maxBodyBytes);
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be >= 1, was " + maxPendingRequests);
        }
        Objects.requireNonNull(longPoll, "longPoll");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    }

    /** The defaults on {@code host:port}: 256 MiB bodies, 4096 pending requests, 30 s long polls, 10 min sessions. */
    public static ServerOptions of(String host, int port, Path apiKeyFile) {
        return new ServerOptions(host, port, apiKeyFile, 256L << 20, 4096, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** 127.0.0.1 on {@code port} with no key. */
    public static ServerOptions loopback(int port) {
        return of(DEFAULT_HOST, port, null);
    }

    /** {@code withLongPoll(Duration.ofSeconds(2))} */
    public ServerOptions withLongPoll(Duration longPoll) {
        return new ServerOptions(host, port, apiKeyFile, maxBodyBytes, maxPendingRequests, longPoll, sessionTimeout);
    }

    /** {@code withMaxBodyBytes(1 << 20)} */
    public ServerOptions withMaxBodyBytes(long maxBodyBytes) {
        return new ServerOptions(host, port, apiKeyFile, maxBodyBytes, maxPendingRequests, longPoll, sessionTimeout);
    }

    /** {@code withApiKeyFile(path)} */
    public ServerOptions withApiKeyFile(Path apiKeyFile) {
        return new ServerOptions(host, port, apiKeyFile, maxBodyBytes, maxPendingRequests, longPoll, sessionTimeout);
    }

    /** Whether {@link #host()} names only this machine (127.0.0.0/8, ::1, localhost). */
    public boolean isLoopback() {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve --host '" + host + "'; give an IP address such as 127.0.0.1 or "
                    + "0.0.0.0", e);
        }
    }
}
