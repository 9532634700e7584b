package dev.whetstone.engine.server;

import com.google.protobuf.MessageLite;
import dev.whetstone.engine.wire.json.SessionMessages;
import dev.whetstone.engine.wire.json.WireJson;
import java.util.Map;

/**
 * One HTTP response: status, content type, body and extra headers. {@code Reply.json(value)} for the protocol's
 * JSON, {@code Reply.proto(message)} for its protobuf results, {@code Reply.error(404, "...")} for failures.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers, Stream stream) {
    static final String JSON = "application/json";
    static final String PROTO = "application/x-protobuf";

    /** A body written piece by piece (server-sent events), on a server thread. */
    @FunctionalInterface
    interface Stream {
        void writeTo(java.io.OutputStream out) throws Exception;
    }

    Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    static Reply json(Object value) {
        return new Reply(200, JSON, WireJson.write(value), Map.of());
    }

    static Reply proto(MessageLite message) {
        return new Reply(200, PROTO, message.toByteArray(), Map.of());
    }

    /** A 200 whose body {@code stream} writes, e.g. {@code text/event-stream}. */
    static Reply streamed(String contentType, Stream stream) {
        return new Reply(200, contentType, new byte[0], Map.of("Cache-Control", "no-cache"), stream);
    }

    /** A 4xx/5xx with {@code {"detail": message}}: the SDK shows the detail, and never gets an empty error body. */
    static Reply error(int status, String message) {
        return new Reply(status, JSON, WireJson.write(new SessionMessages.ErrorResponse(message)), Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, new byte[0], Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(all), stream);
    }
}
