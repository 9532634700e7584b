package dev.whetstone.engine.server;

import dev.whetstone.engine.wire.json.WireJson;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the routes see it: method, the path after {@code /api/v1} split at {@code /}, query
 * parameters, the headers the protocol reads, and the whole (decompressed) body.
 *
 * @param method   {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
 * @param segments the path's segments below the API root, e.g. {@code [training_runs, run-1, checkpoints]}
 * @param query    query parameters (first value of each)
 * @param headers  header values by lower-case name (first value of each)
 * @param body     the request body, empty for none
 * @param baseUrl  the URL the client used to reach the server, without a trailing slash (for links it is sent)
 */
record HttpCall(String method, List<String> segments, Map<String, String> query, Map<String, String> headers, byte[] body,
                String baseUrl) {

    /** The body parsed as {@code type} (snake_case JSON). */
    <T> T json(Class<T> type) {
        return WireJson.read(body, type);
    }

    /** A header by lower-case name, or null. */
    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** Whether the client takes protobuf results ({@code Accept: application/x-protobuf}). */
    boolean acceptsProto() {
        String accept = header("accept");
        return accept != null && accept.contains(Reply.PROTO);
    }

    /** An integer query parameter, or {@code fallback} when absent; not a number is a 400. */
    int intQuery(String name, int fallback) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("query parameter " + name + " must be an integer, was '" + value + "'");
        }
    }
}
