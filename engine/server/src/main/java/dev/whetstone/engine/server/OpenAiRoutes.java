package dev.whetstone.engine.server;

/** OpenAI-style {@code /v1/completions} and {@code /v1/chat/completions}, for any OpenAI client. */
final class OpenAiRoutes {
    private final EngineHost host;

    OpenAiRoutes(EngineHost host) {
        this.host = host;
    }

    void register(Router router) {
        // the completions routes are added with milestone 4 of issue #16
    }
}
