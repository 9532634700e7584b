package dev.whetstone.app.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether an engine behind the wire answers: one {@code GET /api/v1/healthz} with a short timeout (no key needed).
 * Any HTTP answer counts, so a server without that route still reads as reachable; only silence does not.
 */
final class EngineReachability {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Made at the first check: the JDK's client loads the TLS trust store, which the app's start need not wait for. */
    private HttpClient http;

    boolean answers(URI baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/healthz")).timeout(TIMEOUT).GET().build();
        try {
            client().send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
        }
        return http;
    }
}
