package dev.whetstone.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.wire.ZstdBodies;
import dev.whetstone.engine.wire.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Requests as the official Python SDK 0.25 sends them (TINKER-WIRE.md §1, §3): the same paths, bodies and
 * headers ({@code X-API-Key}, the Stainless headers, an idempotency key on every non-GET), JSON bodies with
 * nulls left out, and forward_backward as protobuf, zstd-compressed when asked. Raw bytes in, raw bytes out, so
 * the tests see exactly what crossed the wire.
 */
final class SdkWire {
    static final String SDK_VERSION = "0.25.0";

    record Answer(int status, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return WireJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + contentType + "): " + new String(body), e);
            }
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String apiKey;

    SdkWire(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** A JSON POST, the body written from {@code fields} (the SDK's model_dump). */
    Answer post(String path, Map<String, ?> fields) {
        return send(path, "POST", WireJson.write(fields), "application/json", null, Map.of());
    }

    /** A JSON POST with extra headers (e.g. {@code Accept} on retrieve_future). */
    Answer post(String path, Map<String, ?> fields, Map<String, String> headers) {
        return send(path, "POST", WireJson.write(fields), "application/json", null, headers);
    }

    /** forward_backward as 0.25 sends it: a protobuf body, zstd-compressed when the server's client config asks. */
    Answer postProto(String path, byte[] proto, boolean zstd) {
        return send(path, "POST", zstd ? ZstdBodies.compress(proto) : proto, "application/x-protobuf", zstd ? "zstd" : null, Map.of());
    }

    Answer get(String path) {
        return send(path, "GET", null, null, null, Map.of());
    }

    Answer send(String path, String method, byte[] body, String contentType, String encoding, Map<String, String> extra) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/" + path)).timeout(Duration.ofSeconds(60))
                .header("User-Agent", "AsyncTinker/Python " + SDK_VERSION)
                .header("X-Stainless-Package-Version", SDK_VERSION)
                .header("X-Stainless-Lang", "python")
                .header("X-Stainless-Async", "async:asyncio")
                .header("x-stainless-retry-count", "0");
        if (apiKey != null) {
            b.header("X-API-Key", apiKey);
        }
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.putIfAbsent("Accept", "application/json");
        headers.forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).header("X-Idempotency-Key", "stainless-python-retry-" + UUID.randomUUID());
            if (encoding != null) {
                b.header("Content-Encoding", encoding);
            }
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** Polls retrieve_future as the SDK does until it is no longer try_again; {@code proto} sends Accept: x-protobuf. */
    Answer result(String requestId, boolean proto) {
        for (int iteration = 0; ; iteration++) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Tinker-Request-Iteration", Integer.toString(iteration));
            if (proto) {
                headers.put("Accept", "application/x-protobuf");
            }
            Answer a = post("retrieve_future", Map.of("request_id", requestId, "allow_metadata_only", iteration == 0), headers);
            if (a.status() == 200 && a.contentType().startsWith("application/json") && "try_again".equals(a.json().path("type").asText())) {
                continue;
            }
            return a;
        }
    }

    /** The request id of a future's immediate answer. */
    static String requestId(Answer a) {
        if (a.status() != 200) {
            throw new AssertionError("expected a future, got " + a.status() + ": " + a.text());
        }
        return a.json().get("request_id").asText();
    }
}
