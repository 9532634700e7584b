package dev.whetstone.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import dev.whetstone.engine.wire.json.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAI-style completions, plain and streamed, on a base model and on a tinker:// sampler checkpoint. */
class OpenAiRoutesTest {
    @TempDir
    static Path home;
    static ServedEngine served;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() {
        served = new ServedEngine(home);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Test
    void aCompletionAndItsStreamSayTheSameThing() throws Exception {
        Map<String, Object> request = Map.of("model", ServedEngine.MODEL, "prompt", "w1 w2 w3", "max_tokens", 6, "seed", 5,
                "temperature", 0.9);

        JsonNode whole = post("completions", request);
        List<JsonNode> events = stream("completions", merged(request, Map.of("stream", true)));

        assertThat(whole.get("object").asText()).isEqualTo("text_completion");
        JsonNode choice = whole.get("choices").get(0);
        assertThat(choice.get("finish_reason").asText()).isIn("stop", "length");
        assertThat(whole.get("usage").get("prompt_tokens").asInt()).isEqualTo(3);
        StringBuilder streamed = new StringBuilder();
        events.forEach(e -> streamed.append(e.get("choices").get(0).get("text").asText()));
        assertThat(streamed.toString()).isEqualTo(choice.get("text").asText());
        assertThat(events.get(events.size() - 1).get("choices").get(0).get("finish_reason").asText())
                .isEqualTo(choice.get("finish_reason").asText());
    }

    @Test
    void aChatCompletionOnASamplerCheckpointUsesTheChatTemplate() throws Exception {
        String path;
        try (TrainingClient training = served.engine.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(4).withSeed(1L))) {
            path = training.saveWeightsForSampler("chat").join().path();
        }
        Map<String, Object> request = Map.of("model", path, "max_tokens", 5, "seed", 3,
                "messages", List.of(Map.of("role", "user", "content", "w4 w5")));

        JsonNode whole = post("chat/completions", request);
        List<JsonNode> events = stream("chat/completions", merged(request, Map.of("stream", true)));

        assertThat(whole.get("object").asText()).isEqualTo("chat.completion");
        JsonNode message = whole.get("choices").get(0).get("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        var tokenizer = served.engine.createSamplingClient(ServedEngine.MODEL).getTokenizer();
        String rendered = ChatTemplate.forTokenizer(tokenizer).render(List.of(ChatMessage.user("w4 w5")), true, Map.of());
        assertThat(rendered).startsWith("<|im_start|>user\nw4 w5<|im_end|>").endsWith("<|im_start|>assistant\n");
        assertThat(whole.get("usage").get("prompt_tokens").asInt()).isEqualTo(tokenizer.encode(rendered, false).length);
        StringBuilder streamed = new StringBuilder();
        events.forEach(e -> streamed.append(e.get("choices").get(0).get("delta").path("content").asText("")));
        assertThat(streamed.toString()).isEqualTo(message.get("content").asText());
        assertThat(events.get(0).get("object").asText()).isEqualTo("chat.completion.chunk");
    }

    @Test
    void anUnknownModelIsAnOpenAiStyleError() throws Exception {
        HttpResponse<String> r = send("completions", Map.of("model", "no-such-org/no-such-model", "prompt", "hi"));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = WireJson.MAPPER.readTree(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("no-such-org/no-such-model");
    }

    private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }

    private static JsonNode post(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = send(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WireJson.MAPPER.readTree(r.body());
    }

    /** The data events of a server-sent-event stream, which must end with [DONE]. */
    private static List<JsonNode> stream(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = send(path, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        String last = null;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ")) {
                last = line.substring(6);
                if (!last.equals("[DONE]")) {
                    events.add(WireJson.MAPPER.readTree(last));
                }
            }
        }
        assertThat(last).isEqualTo("[DONE]");
        return events;
    }

    private static HttpResponse<String> send(String path, Map<String, Object> body) throws IOException, InterruptedException {
        URI uri = served.server.baseUrl().resolve("/v1/" + path);
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(body))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
