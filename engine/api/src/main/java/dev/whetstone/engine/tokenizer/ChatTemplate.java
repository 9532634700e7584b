package dev.whetstone.engine.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import dev.whetstone.engine.Tokenizer;
import jinjava.javax.el.CompositeELResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A model's Jinja chat template (the {@code chat_template} of {@code tokenizer_config.json}), rendered by
 * Jinjava the way Hugging Face's {@code apply_chat_template} renders it with Jinja2: {@code trim_blocks},
 * {@code lstrip_blocks}, loop controls, Python string methods, {@code [::-1]}, {@code namespace()},
 * a {@code json.dumps}-style {@code tojson}, and the {@code raise_exception} and {@code strftime_now}
 * globals.
 *
 * <p>{@code ChatTemplate.forTokenizer(tokenizer).render(List.of(ChatMessage.user("Hi")), true, Map.of())}
 *
 * <p>Thread-safe: each render has its own interpreter.
 */
public final class ChatTemplate {

    private static final String RAISED = "chat template raised: ";

    private final String source;
    private final Map<String, Object> specialTokens;
    private final Jinjava jinjava;
    private final Node tree;

    private ChatTemplate(String source, Map<String, Object> specialTokens) {
        this.source = source;
        this.specialTokens = Map.copyOf(specialTokens);
        this.jinjava = newJinjava();
        // parsed once: rendering a row (and the prefixes that locate its replies) then skips the parser
        JinjavaInterpreter parser = new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext()), jinjava.getGlobalConfig());
        JinjavaInterpreter.pushCurrent(parser);
        try {
            this.tree = parser.parse(JinjaDialect.toJinjava(source));
            List<TemplateError> fatal = fatal(parser.getErrorsCopy());
            if (!fatal.isEmpty()) {
                throw new ChatTemplateException(describe(fatal));
            }
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /**
     * A template with the special-token variables templates read ({@code bos_token}, {@code eos_token},
     * {@code pad_token}): {@code ChatTemplate.of(source, Map.of("bos_token", "<|begin_of_text|>"))}.
     *
     * @throws ChatTemplateException if the template does not parse
     */
    public static ChatTemplate of(String source, Map<String, String> specialTokens) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(specialTokens, "specialTokens");
        return new ChatTemplate(source, Map.copyOf(specialTokens));
    }

    /**
     * The tokenizer's own template, with its BOS, first EOS and pad tokens as variables.
     *
     * @throws ChatTemplateException if the tokenizer has no chat template (a base model: use plain text)
     */
    public static ChatTemplate forTokenizer(Tokenizer tokenizer) {
        String source = tokenizer.chatTemplate().orElseThrow(() -> new ChatTemplateException(
                "The tokenizer " + tokenizer.id() + " has no chat_template: use a plain-text dataset, or pick the"
                        + " model's instruct version, whose tokenizer_config.json has one"));
        Map<String, String> tokens = new HashMap<>();
        tokenizer.bosTokenId().ifPresent(id -> tokens.put("bos_token", tokenizer.idToToken(id)));
        if (!tokenizer.eosTokenIds().isEmpty()) {
            tokens.put("eos_token", tokenizer.idToToken(tokenizer.eosTokenIds().get(0)));
        }
        tokenizer.padTokenId().ifPresent(id -> tokens.put("pad_token", tokenizer.idToToken(id)));
        return of(source, tokens);
    }

    /** The template as written in the model's files. */
    public String source() {
        return source;
    }

    /**
     * The conversation as text, exactly as {@code apply_chat_template(messages, tokenize=False,
     * add_generation_prompt=..., **variables)} writes it:
     * {@code template.render(messages, false, Map.of("enable_thinking", false))}.
     *
     * @throws ChatTemplateException if the template raises (e.g. roles that do not alternate) or fails
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(variables, "variables");
        Map<String, Object> context = new HashMap<>(specialTokens);
        context.put("messages", asMaps(messages));
        context.put("add_generation_prompt", addGenerationPrompt);
        context.putAll(variables);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext(), context),
                jinjava.getGlobalConfig());
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String output = interpreter.render(tree, true);
            List<TemplateError> fatal = fatal(interpreter.getErrorsCopy());
            if (!fatal.isEmpty()) {
                throw new ChatTemplateException(describe(fatal));
            }
            return output;
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private static List<TemplateError> fatal(List<TemplateError> errors) {
        return errors.stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
    }

    private static List<Map<String, Object>> asMaps(List<ChatMessage> messages) {
        List<Map<String, Object>> maps = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", message.role());
            map.put("content", message.content());
            maps.add(map);
        }
        return maps;
    }

    private static String describe(List<TemplateError> errors) {
        for (TemplateError error : errors) {
            for (Throwable t = error.getException(); t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                int raised = message.indexOf(RAISED);
                if (raised >= 0) {
                    return "The chat template refused the conversation: " + message.substring(raised + RAISED.length());
                }
            }
        }
        return "The chat template failed (line " + errors.get(0).getLineno() + "): "
                + errors.stream().map(TemplateError::getMessage).collect(Collectors.joining("; "))
                + ". Check the model's tokenizer_config.json chat_template";
    }

    private static Jinjava newJinjava() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        LegacyOverrides jinja2Semantics = LegacyOverrides.newBuilder()
                .withUseTrimmingForNotesAndExpressions(true) // {{- ... -}} trims like Jinja2
                .withUseNaturalOperatorPrecedence(true)
                .withParseWhitespaceControlStrictly(true)
                .withEvaluateMapKeys(true)
                .withIterateOverMapKeys(true)
                .withUsePyishObjectMapper(true)               // {{ [1, 'a'] }} prints as Python does
                .withKeepNullableLoopValues(true)
                .withAllowAdjacentTextNodes(true)
                .withHandleBackslashInQuotesOnly(true)
                .build();
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withLegacyOverrides(jinja2Semantics)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new PythonJsonFilter());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                TemplateGlobals.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                TemplateGlobals.class, "strftimeNow", String.class));
        return jinjava;
    }

    /** The functions transformers adds to a chat template's globals. */
    static final class TemplateGlobals {

        private TemplateGlobals() {
        }

        /** {@code {{ raise_exception('Conversation roles must alternate') }}} */
        public static String raiseException(String message) {
            throw new ChatTemplateException(RAISED + message);
        }

        /** {@code {{ strftime_now('%d %b %Y') }}}: now, in Python's strftime format. */
        public static String strftimeNow(String format) {
            return PythonDateFormat.format(java.time.LocalDateTime.now(), format);
        }
    }
}
