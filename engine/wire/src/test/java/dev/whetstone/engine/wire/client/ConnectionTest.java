package dev.whetstone.engine.wire.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's HTTP connection: where its answers are handled, and what a closed connection does. */
class ConnectionTest {
    private HttpServer server;
    private Connection connection;
    /** Each answer waits for a permit, so that the test has attached its callback before the answer comes. */
    private final Semaphore answer = new Semaphore(0);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            answer.acquireUninterruptibly();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        connection = new Connection(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null, WireOptions.defaults());
    }

    @AfterEach
    void stop() {
        answer.release(100);
        connection.close();
        server.stop(0);
    }

    /**
     * Every step of a run waits on several answers in turn; each must be handled on the connection's own, reused
     * threads. {@code HttpClient.sendAsync} hands each answer to a new thread where the common pool has one
     * thread (two cores), or to the common pool elsewhere.
     */
    @Test
    void answersAreHandledOnTheConnectionsOwnReusedThreads() {
        List<Thread> handledOn = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            CompletableFuture<Connection.Answer> call = connection.once(Connection.Call.get("healthz"), "k" + i, 0)
                    .whenComplete((a, e) -> handledOn.add(Thread.currentThread()));
            answer.release();
            Connection.Answer ok = call.join();
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.tree().path("ok").asBoolean()).isTrue();
        }

        assertThat(handledOn).hasSize(40).allSatisfy(t -> assertThat(t.getName()).isEqualTo("whetstone-wire"));
        Set<Thread> distinct = ConcurrentHashMap.newKeySet();
        distinct.addAll(handledOn);
        // a cached pool: a request may find every thread busy with the HTTP client's own work and start one more
        // (5 of 40 seen on a loaded machine), but the threads are reused, not one per answer
        assertThat(distinct).as("threads reused from one request to the next").hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void aCallOnAClosedConnectionFailsItsFutureWithAnIoError() {
        connection.close();

        assertThatThrownBy(() -> connection.once(Connection.Call.get("healthz"), "k", 0).get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IOException.class).hasMessageContaining("is closed");
    }

    @Test
    void anUnreachableServerFailsTheFutureWithTheConnectError() {
        server.stop(0);

        assertThatThrownBy(() -> connection.once(Connection.Call.get("healthz"), "k", 0).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(java.net.ConnectException.class);
    }
}
