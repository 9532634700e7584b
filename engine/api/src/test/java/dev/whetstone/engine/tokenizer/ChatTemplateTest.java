package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@link ChatTemplate} against the real Qwen3 and Llama 3 templates (fetched by the build into
 * {@code target/fixtures}), compared with {@code chat-templates/expected.json}: the same conversations
 * rendered by Jinja2 exactly as transformers' {@code apply_chat_template} does
 * ({@code src/test/python/render_templates.py}).
 */
class ChatTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Path> FOLDERS = Map.of(
            "qwen3", Path.of("target/fixtures/qwen3-tokenizer"),
            "llama3", Path.of("target/fixtures/llama3-tokenizer"));

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream("/chat-templates/expected.json")) {
            JsonNode root = JSON.readTree(in);
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(Arguments.of(c.get("model").asText() + "/" + c.get("name").asText(), c));
            }
            return cases.stream();
        }
    }

    static ChatTemplate template(String model) {
        Path config = FOLDERS.get(model).resolve("tokenizer_config.json");
        assumeTrue(Files.isRegularFile(config), "the " + model + " tokenizer is fetched by the build (src/test/fixtures/fetch-tokenizers.sh)");
        try {
            JsonNode json = JSON.readTree(config.toFile());
            Map<String, String> tokens = new java.util.HashMap<>();
            for (String key : List.of("bos_token", "eos_token", "pad_token", "unk_token")) {
                if (json.hasNonNull(key)) {
                    tokens.put(key, json.get(key).isObject() ? json.get(key).get("content").asText() : json.get(key).asText());
                }
            }
            return ChatTemplate.of(json.get("chat_template").asText(), tokens);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<ChatMessage> messages(JsonNode array) {
        List<ChatMessage> messages = new ArrayList<>();
        array.forEach(m -> messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText())));
        return messages;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyAsHuggingFaceApplyChatTemplate(String name, JsonNode c) {
        Map<String, Object> kwargs = JSON.convertValue(c.get("kwargs"), new TypeReference<Map<String, Object>>() { });
        String rendered = template(c.get("model").asText())
                .render(messages(c.get("messages")), c.get("add_generation_prompt").asBoolean(), kwargs);
        assertThat(rendered).isEqualTo(c.get("rendered").asText());
    }

    @Test
    void raiseExceptionBecomesAChatTemplateExceptionWithTheTemplatesMessage() {
        ChatTemplate strict = ChatTemplate.of(
                "{% if messages[0]['role'] != 'user' %}{{ raise_exception('Conversations must start with a user message') }}{% endif %}ok",
                Map.of());
        assertThatThrownBy(() -> strict.render(List.of(ChatMessage.assistant("Hi")), false, Map.of()))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("Conversations must start with a user message");
        assertThat(strict.render(List.of(ChatMessage.user("Hi")), false, Map.of())).isEqualTo("ok");
    }

    @Test
    void pythonStringMethodsWork() {
        ChatTemplate t = ChatTemplate.of("{{ m.startswith('a') }} {{ m.endswith(('x', 'c')) }} {{ m.split(',')[-1] }}"
                + " [{{ '  p  '.strip() }}] [{{ 'xxpxx'.lstrip('x') }}] [{{ 'xxpxx'.rstrip('x') }}] {{ 'a b  c'.split()|length }}"
                + " {{ 'Ab'.upper() }}{{ 'Ab'.lower() }} {{ '-'.join(['a', 'b']) }} {{ 'aXa'.replace('a', 'b') }}",
                Map.of());
        assertThat(t.render(List.of(), false, Map.of("m", "ab,c")))
                .isEqualTo("true true c [p] [pxx] [xxp] 3 ABab a-b bXb");
    }

    @Test
    void reversedSliceAndNamespaceWithExpressionsWork() {
        ChatTemplate t = ChatTemplate.of("{% set ns = namespace(found=false, last=messages|length - 1) %}"
                + "{% for m in messages[::-1] %}{{ m.content }}{% if loop.last %}.{% endif %}{% endfor %} {{ ns.last }}",
                Map.of());
        assertThat(t.render(List.of(ChatMessage.user("a"), ChatMessage.assistant("b")), false, Map.of())).isEqualTo("ba. 1");
    }

    @Test
    void tojsonWritesPythonJsonDumps() {
        ChatTemplate t = ChatTemplate.of("{{ x|tojson }}|{{ x|tojson(indent=2) }}", Map.of());
        Map<String, Object> x = new java.util.LinkedHashMap<>();
        x.put("name", "café <b>\"q\"\n");
        x.put("n", List.of(1, 2.5, true));
        assertThat(t.render(List.of(), false, Map.of("x", x))).isEqualTo(
                "{\"name\": \"café <b>\\\"q\\\"\\n\", \"n\": [1, 2.5, true]}|"
                        + "{\n  \"name\": \"café <b>\\\"q\\\"\\n\",\n  \"n\": [\n    1,\n    2.5,\n    true\n  ]\n}");
    }

    @Test
    void stringTestsAndLoopControlsWork() {
        ChatTemplate t = ChatTemplate.of("{% for m in messages %}{% if m.content is string and loop.index0 == 0 %}{% continue %}"
                + "{% endif %}{{ m['content'] }}{% if loop.last %}!{% endif %}{% endfor %}", Map.of());
        assertThat(t.render(List.of(ChatMessage.user("a"), ChatMessage.user("b")), false, Map.of())).isEqualTo("b!");
    }

    @Test
    void strftimeNowFormatsTheCurrentDate() {
        ChatTemplate t = ChatTemplate.of("{{ strftime_now('%Y') }}", Map.of());
        assertThat(t.render(List.of(), false, Map.of())).isEqualTo(String.valueOf(java.time.LocalDate.now().getYear()));
    }
}
