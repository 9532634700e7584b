package dev.whetstone.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SampledToken;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import dev.whetstone.engine.wire.json.WireJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI-style {@code /v1/completions} and {@code /v1/chat/completions} (plain and server-sent events) and
 * {@code /v1/models}, so any OpenAI client can try a base model or a fine-tune: {@code model} is a base model
 * ({@code Qwen/Qwen3-0.6B} or a folder) or a {@code tinker://} sampler checkpoint. Chat prompts are rendered with the
 * model's own chat template; text is decoded without special tokens.
 */
final class OpenAiRoutes {
    private final EngineHost host;
    private final Map<String, CompletableFuture<SamplingClient>> samplers = new ConcurrentHashMap<>();

    OpenAiRoutes(EngineHost host) {
        this.host = host;
    }

    void register(Router router) {
        router.add("POST", "completions", call -> complete(call, false))
                .add("POST", "chat/completions", call -> complete(call, true))
                .add("GET", "models", Route.now(this::models));
    }

    /** One request, checked: its model, the prompt tokens, how to sample, and whether to stream. */
    private record Request(String model, SamplingClient sampler, ModelInput prompt, int n, SamplingParams params, boolean stream,
                           boolean chat) {
    }

    private CompletableFuture<Reply> complete(HttpCall call, boolean chat) {
        JsonNode body = tree(call);
        String model = text(body, "model");
        if (model == null) {
            throw HttpError.badRequest("'model' is required: a base model (e.g. \"Qwen/Qwen3-0.6B\") or a tinker:// sampler path");
        }
        return sampler(model).thenCompose(sampler -> {
            Request request = request(body, model, sampler, chat);
            if (request.stream()) {
                return CompletableFuture.completedFuture(Reply.streamed("text/event-stream", out -> stream(request, out)));
            }
            return sampler.sample(request.prompt(), request.n(), request.params())
                    .thenApply(response -> Reply.json(whole(request, response)));
        });
    }

    private CompletableFuture<SamplingClient> sampler(String model) {
        if (TinkerPath.isTinkerPath(model)) {
            host.records().record(TinkerPath.parse(model));   // a missing checkpoint fails here, by name
        } else {
            ModelLocator.resolve(model, host.home());
        }
        CompletableFuture<SamplingClient> sampler = samplers.computeIfAbsent(model, m -> host.engine().createSamplingClientAsync(m));
        return sampler.whenComplete((s, e) -> {
            if (e != null) {
                samplers.remove(model, sampler);
            }
        });
    }

    private static Request request(JsonNode body, String model, SamplingClient sampler, boolean chat) {
        Tokenizer tokenizer = sampler.getTokenizer();
        String text = chat ? chatPrompt(body, tokenizer) : completionPrompt(body);
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 16) {
            throw HttpError.badRequest("'n' must be in [1, 16], was " + n);
        }
        int maxTokens = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens").asInt()
                : body.path("max_tokens").asInt(chat ? 512 : 16);
        double temperature = body.path("temperature").asDouble(1.0);
        SamplingParams params = SamplingParams.defaults().withMaxTokens(maxTokens)
                .withTemperature(temperature == 0 ? 1.0 : temperature).withTopK(temperature == 0 ? 1 : -1)
                .withTopP(body.path("top_p").asDouble(1.0))
                .withSeed(body.hasNonNull("seed") ? body.get("seed").asLong() : null)
                .withStopStrings(stops(body.get("stop")));
        return new Request(model, sampler, ModelInput.fromInts(tokenizer.encode(text, !chat)), n, params,
                body.path("stream").asBoolean(false), chat);
    }

    private static String completionPrompt(JsonNode body) {
        JsonNode prompt = body.get("prompt");
        if (prompt != null && prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        if (prompt == null || !prompt.isTextual()) {
            throw HttpError.badRequest("'prompt' must be a string (one prompt per request)");
        }
        return prompt.asText();
    }

    private static String chatPrompt(JsonNode body, Tokenizer tokenizer) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw HttpError.badRequest("'messages' must be a non-empty list of {\"role\", \"content\"}");
        }
        List<ChatMessage> chat = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode content = m.get("content");
            String textContent;
            if (content != null && content.isArray()) {   // [{"type": "text", "text": ...}]
                StringBuilder sb = new StringBuilder();
                content.forEach(part -> sb.append(part.path("text").asText("")));
                textContent = sb.toString();
            } else {
                textContent = content == null || content.isNull() ? "" : content.asText();
            }
            try {
                chat.add(new ChatMessage(m.path("role").asText(), textContent));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("messages[" + i + "]: " + e.getMessage());
            }
        }
        if (tokenizer.chatTemplate().isEmpty()) {
            throw HttpError.badRequest("this model has no chat template (a base model): use /v1/completions with a plain prompt");
        }
        return ChatTemplate.forTokenizer(tokenizer).render(chat, true, Map.of("enable_thinking", false));
    }

    private static List<String> stops(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return stop.asText().isEmpty() ? List.of() : List.of(stop.asText());
        }
        List<String> out = new ArrayList<>();
        stop.forEach(s -> {
            if (!s.asText().isEmpty()) {
                out.add(s.asText());
            }
        });
        return out;
    }

    private Map<String, Object> whole(Request request, SampleResponse response) {
        Tokenizer tokenizer = request.sampler().getTokenizer();
        List<Map<String, Object>> choices = new ArrayList<>();
        int completionTokens = 0;
        for (int i = 0; i < response.sequences().size(); i++) {
            SampledSequence seq = response.sequences().get(i);
            completionTokens += seq.tokens().size();
            String text = tokenizer.decode(seq.tokenArray(), true);
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", i);
            if (request.chat()) {
                choice.put("message", Map.of("role", "assistant", "content", text));
            } else {
                choice.put("text", text);
                choice.put("logprobs", null);
            }
            choice.put("finish_reason", finish(seq.stopReason()));
            choices.add(choice);
        }
        Map<String, Object> out = header(request, request.chat() ? "chat.completion" : "text_completion");
        out.put("choices", choices);
        out.put("usage", Map.of("prompt_tokens", request.prompt().length(), "completion_tokens", completionTokens,
                "total_tokens", request.prompt().length() + completionTokens));
        return out;
    }

    /** Server-sent events: one chunk per token (text decoded incrementally), a last chunk per choice, then [DONE]. */
    private static void stream(Request request, java.io.OutputStream out) throws Exception {
        Tokenizer tokenizer = request.sampler().getTokenizer();
        String id = (request.chat() ? "chatcmpl-" : "cmpl-") + UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        String object = request.chat() ? "chat.completion.chunk" : "text_completion";
        List<List<Integer>> tokens = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            tokens.add(new ArrayList<>());
            sent.add("");
            if (request.chat()) {
                event(out, chunk(id, created, object, request.model(), i, Map.of("role", "assistant", "content", ""), null, true));
            }
        }
        java.util.concurrent.BlockingQueue<SampledToken> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        CompletableFuture<SampleResponse> done = request.sampler().sampleStreaming(request.prompt(), request.n(), request.params(),
                queue::add);
        int finished = 0;
        try {
            while (finished < request.n()) {
                SampledToken t = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (t == null) {
                    if (done.isCompletedExceptionally()) {
                        done.join();
                    }
                    continue;
                }
                List<Integer> seq = tokens.get(t.sequence());
                seq.add(t.token());
                String text = tokenizer.decode(seq.stream().mapToInt(Integer::intValue).toArray(), true);
                String previous = sent.get(t.sequence());
                String delta = text.startsWith(previous) ? text.substring(previous.length()) : "";
                if (!delta.isEmpty() && !text.endsWith("\uFFFD")) {
                    sent.set(t.sequence(), text);
                    Object content = request.chat() ? Map.of("content", delta) : delta;
                    event(out, chunk(id, created, object, request.model(), t.sequence(), content, null, request.chat()));
                }
                if (t.isLast()) {
                    finished++;
                    event(out, chunk(id, created, object, request.model(), t.sequence(), request.chat() ? Map.of() : "",
                            finish(t.stopReason()), request.chat()));
                }
            }
            done.join();
        } finally {
            done.cancel(false);
        }
        out.write("data: [DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> chunk(String id, long created, String object, String model, int index, Object content,
                                             String finishReason, boolean chat) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", index);
        choice.put(chat ? "delta" : "text", content);
        choice.put("finish_reason", finishReason);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", object);
        out.put("created", created);
        out.put("model", model);
        out.put("choices", List.of(choice));
        return out;
    }

    private static void event(java.io.OutputStream out, Map<String, Object> chunk) throws IOException {
        out.write(("data: " + WireJson.MAPPER.writeValueAsString(chunk) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> header(Request request, String object) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", (request.chat() ? "chatcmpl-" : "cmpl-") + UUID.randomUUID());
        out.put("object", object);
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", request.model());
        return out;
    }

    private static String finish(StopReason reason) {
        return reason == StopReason.STOP ? "stop" : "length";
    }

    private Reply models(HttpCall call) {
        List<Map<String, Object>> data = new ArrayList<>();
        new ServableModels(host.home(), System.getenv(), java.nio.file.Path.of(System.getProperty("user.home"))).list()
                .forEach(m -> data.add(Map.of("id", m.modelName(), "object", "model", "owned_by", "whetstone")));
        return Reply.json(Map.of("object", "list", "data", data));
    }

    private static JsonNode tree(HttpCall call) {
        try {
            JsonNode node = WireJson.MAPPER.readTree(call.body());
            if (node == null || !node.isObject()) {
                throw HttpError.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw HttpError.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
