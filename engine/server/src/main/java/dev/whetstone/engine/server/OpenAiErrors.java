package dev.whetstone.engine.server;

import dev.whetstone.engine.wire.json.WireJson;
import java.util.Map;

/** Errors in the shape OpenAI clients read: {@code {"error": {"message", "type", "code"}}}. */
final class OpenAiErrors {
    private OpenAiErrors() {
    }

    static Reply reply(int status, String message) {
        String type = status == 401 ? "authentication_error" : status >= 500 ? "server_error" : "invalid_request_error";
        return new Reply(status, Reply.JSON, WireJson.write(Map.of("error", Map.of("message", message, "type", type,
                "code", status))), Map.of());
    }
}
