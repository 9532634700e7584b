package dev.whetstone.engine.server;

import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.WorkbenchException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code whetstone serve}: an engine behind Tinker's HTTP protocol (for the official Python SDK and
 * {@code ServiceClient.connect}) and OpenAI-style completions. Loopback by default; any other address needs an
 * API key.
 *
 * <pre>{@code
 * try (var server = WhetstoneServer.start(ServiceClient.local(options), options.home(), ServerOptions.loopback(8000))) {
 *     System.out.println(server.baseUrl());   // http://127.0.0.1:8000
 *     server.join();
 * }
 * }</pre>
 */
public final class WhetstoneServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WhetstoneServer.class);
    private static final int MAX_THREADS = 64;

    private final Server jetty;
    private final ServerConnector connector;
    private final EngineHost host;
    private final ScheduledExecutorService sweeper;
    private final ExecutorService streams;

    private WhetstoneServer(Server jetty, ServerConnector connector, EngineHost host, ScheduledExecutorService sweeper,
                            ExecutorService streams) {
        this.jetty = jetty;
        this.connector = connector;
        this.host = host;
        this.sweeper = sweeper;
        this.streams = streams;
    }

    /**
     * Serves {@code engine} (whose files live under {@code home}) as {@code options} say. A non-loopback address
     * without a key file, or an unusable key file, is an {@link IllegalArgumentException} naming the fix.
     */
    public static WhetstoneServer start(ServiceClient engine, Path home, ServerOptions options) {
        ApiKey key = options.apiKeyFile() == null ? null : ApiKey.fromFile(options.apiKeyFile());
        if (key == null && !options.isLoopback()) {
            throw new IllegalArgumentException("--host " + options.host() + " is reachable from other machines, so a key is "
                    + "required: put one (tml-...) in a file and pass --api-key-file FILE, or serve on 127.0.0.1");
        }
        PendingResults results = new PendingResults(options.maxPendingRequests(), options.longPoll());
        EngineHost host = new EngineHost(engine, home, results, options.sessionTimeout());
        Router tinker = new Router();
        new SessionRoutes(host, new ServableModels(home, System.getenv(), Path.of(System.getProperty("user.home"))))
                .register(tinker);
        SamplingRoutes sampling = new SamplingRoutes(host);
        sampling.register(tinker);
        new TrainingRoutes(host, sampling).register(tinker);
        new FutureRoutes(results).register(tinker);
        new CheckpointRoutes(host, home.resolve("tmp").resolve("server")).register(tinker);
        Router openAi = new Router();
        new OpenAiRoutes(host).register(openAi);

        ExecutorService streams = Executors.newCachedThreadPool(daemon("whetstone-serve-stream"));
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("whetstone-serve");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(Math.max(120_000, options.longPoll().toMillis() * 3));
        jetty.addConnector(connector);
        jetty.setHandler(new ApiHandler(tinker, openAi, key, options.maxBodyBytes(), streams));
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setDefaultResponseMimeType("application/json");
        jetty.setErrorHandler(errors);
        jetty.setStopTimeout(2_000);
        try {
            jetty.start();
        } catch (Exception e) {
            streams.shutdownNow();
            throw new WorkbenchException("cannot listen on " + options.host() + ":" + options.port() + " (" + e.getMessage()
                    + "); choose another --port or stop what uses it", e);
        }
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("whetstone-serve-sweeper"));
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                host.sweep(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("sweeping sessions failed", e);
            }
        }, 30, 30, TimeUnit.SECONDS);
        WhetstoneServer server = new WhetstoneServer(jetty, connector, host, sweeper, streams);
        LOG.info("serving Tinker's API at {}/api/v1 (key {})", server.baseUrl(), key == null ? "not required" : "required");
        return server;
    }

    /** The URL clients use: {@code http://127.0.0.1:8000}. */
    public URI baseUrl() {
        String h = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + connector.getLocalPort());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops listening, then closes every session's models; the engine itself belongs to the caller. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed", e);
        }
        streams.shutdownNow();
        host.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
