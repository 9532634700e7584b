package dev.whetstone.engine.wire.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.wire.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of the client: one {@link HttpClient} (HTTP/1.1, pooled keep-alive connections, asynchronous) to
 * one server, the key on every request ({@code X-API-Key}), and the SDK's retry rule: a dropped connection,
 * 408, 429 or 5xx is retried with backoff (0.5 s doubling to 10 s, with jitter, the same idempotency key) until the
 * retry window is spent; any other refusal fails at once with the server's message.
 */
final class Connection implements AutoCloseable {
    static final String JSON = "application/json";
    static final String PROTO = "application/x-protobuf";

    /** One request: method, path below {@code /api/v1/}, body (or null), its type and encoding, and the type accepted. */
    record Call(String method, String path, byte[] body, String contentType, String encoding, String accept) {
        static Call get(String path) {
            return new Call("GET", path, null, null, null, JSON);
        }

        static Call json(String method, String path, Object body) {
            return new Call(method, path, WireJson.write(body), JSON, null, JSON);
        }

        Call accepting(String type) {
            return new Call(method, path, body, contentType, encoding, type);
        }
    }

    /** One answer: status, content type and body. */
    record Answer(int status, String contentType, byte[] body) {
        boolean isProto() {
            return contentType != null && contentType.contains(PROTO);
        }

        JsonNode tree() {
            try {
                return WireJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new RemoteRequestException("the server answered with something that is not JSON (" + contentType + "): "
                        + preview(), "server", status, e);
            }
        }

        <T> T json(Class<T> type) {
            return WireJson.read(body, type);
        }

        String preview() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }

    private final URI base;
    private final String apiKey;
    private final WireOptions options;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("whetstone-wire"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("whetstone-wire-retry"));
    private final HttpClient http;

    Connection(URI baseUrl, String apiKey, WireOptions options) {
        String s = baseUrl.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.apiKey = apiKey;
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(workers).build();
    }

    URI base() {
        return base;
    }

    WireOptions options() {
        return options;
    }

    /** The connection's own threads (a cached pool): for work that blocks, such as downloading an archive. */
    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Sends {@code call} once; the answer whatever its status, or the I/O failure. */
    CompletableFuture<Answer> once(Call call, String idempotencyKey, int attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(base.getPath() + "/api/v1/" + call.path()))
                .timeout(options.requestTimeout())
                .header("User-Agent", "Whetstone/0.1 (tinker-protocol " + options.sdkVersion() + ")")
                .header("Accept", call.accept())
                .header("x-stainless-retry-count", Integer.toString(attempt));
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        if (call.body() == null) {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", call.contentType()).header("X-Idempotency-Key", idempotencyKey);
            if (call.encoding() != null) {
                b.header("Content-Encoding", call.encoding());
            }
            b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        }
        HttpRequest request = b.build();
        try {
            return CompletableFuture.supplyAsync(() -> exchange(request), workers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new CompletionException(new IOException("the connection to " + base + " is closed")));
        }
    }

    /**
     * One request, waited for on a thread of this connection's pool. Not {@code HttpClient.sendAsync}: that moves
     * every answer to {@code CompletableFuture}'s default executor, which is a new thread per answer wherever the
     * common pool has one thread (two cores or fewer); 1.3 ms more per request on the 2-core build machine.
     */
    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new IOException("interrupted: the connection to " + base + " was closed", e));
        }
    }

    /**
     * Sends {@code call}, retrying what the SDK retries within the retry window; completes with a 2xx answer, or
     * fails with a {@link RemoteRequestException} that says what the server said or why it could not be reached.
     */
    CompletableFuture<Answer> send(Call call) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt(call, "whetstone-retry-" + UUID.randomUUID(), 0, System.nanoTime(), result);
        return result;
    }

    private void attempt(Call call, String key, int attempt, long start, CompletableFuture<Answer> result) {
        once(call, key, attempt).whenComplete((answer, error) -> {
            if (error == null && answer.status() / 100 == 2) {
                result.complete(answer);
                return;
            }
            boolean retryable = error != null || retryable(answer.status());
            Throwable failure = error != null ? unreachable(call, error) : refusal(call, answer);
            long delayMs = backoffMillis(attempt);
            if (!retryable || System.nanoTime() - start + delayMs * 1_000_000 > options.retryWindow().toNanos()) {
                result.completeExceptionally(failure);
                return;
            }
            timer.schedule(() -> attempt(call, key, attempt + 1, start, result), delayMs, TimeUnit.MILLISECONDS);
        });
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** 0.5 s doubling to 10 s, ±25 %. */
    static long backoffMillis(int attempt) {
        double base = Math.min(10_000, 500 * Math.pow(2, Math.min(attempt, 10)));
        return (long) (base * (0.75 + 0.5 * ThreadLocalRandom.current().nextDouble()));
    }

    RemoteRequestException unreachable(Call call, Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new RemoteRequestException("cannot reach the engine at " + base + " (" + call.method() + " /api/v1/" + call.path()
                + ": " + e + "); check that `whetstone serve` (or the server) is running and the URL is right", "unknown", 0, e);
    }

    /** The exception for a non-2xx answer, with the server's message and what to do. */
    RemoteRequestException refusal(Call call, Answer answer) {
        String detail = detail(answer);
        int s = answer.status();
        String where = call.method() + " /api/v1/" + call.path();
        if (s == 401 || s == 403) {
            return new RemoteRequestException("the engine at " + base + " refused the API key (" + s + "): " + detail
                    + ". Pass the key to ServiceClient.connect(url, key) or set TINKER_API_KEY", "user", s);
        }
        if (s == 404 && call.path().equals("client/config")) {
            return new RemoteRequestException(base + " does not speak Tinker's protocol (no /api/v1/client/config); give the "
                    + "base URL of `whetstone serve` (e.g. http://127.0.0.1:8000) or of hosted Tinker", "user", s);
        }
        return new RemoteRequestException(detail + " (" + where + ", HTTP " + s + ")", s >= 500 ? "server" : "user", s);
    }

    private static String detail(Answer answer) {
        try {
            JsonNode n = WireJson.MAPPER.readTree(answer.body());
            if (n != null && n.hasNonNull("detail")) {
                return n.get("detail").isTextual() ? n.get("detail").asText() : n.get("detail").toString();
            }
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").isTextual() ? n.get("error").asText() : n.get("error").toString();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show the text
        }
        return answer.body().length == 0 ? "no message" : answer.preview();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
