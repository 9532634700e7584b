package dev.whetstone.engine.data;

import dev.whetstone.engine.TokenizedText;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a conversation with the model's own chat template and tokenizes it as Hugging Face does
 * ({@code apply_chat_template(messages, tokenize=True)}: the whole text at once, no special tokens added),
 * with a loss weight per token: 1 on the trained assistant replies and their end-of-turn tokens,
 * 0 on headers, system and user turns.
 *
 * <p>{@code ChatRenderer.of(tokenizer).render(messages, TrainOn.ALL_ASSISTANT_MESSAGES)}
 */
public final class ChatRenderer {

    private static final String PROBE_USER = "\u00b6probe-user\u00b6";
    private static final String PROBE_REPLY = "\u00b6probe-reply\u00b6";

    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final Map<String, Object> variables;
    private final Optional<String> endOfTurn;
    private final Set<Integer> stopTokenIds;
    private final AssistantSpans spans;

    /**
     * @param variables extra template variables, e.g. {@code Map.of("enable_thinking", false)} for Qwen3
     */
    public ChatRenderer(Tokenizer tokenizer, ChatTemplate template, Map<String, ?> variables) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.template = Objects.requireNonNull(template, "template");
        this.variables = Map.copyOf(variables);
        this.endOfTurn = probeEndOfTurn();
        Set<Integer> stops = new LinkedHashSet<>(tokenizer.eosTokenIds());
        endOfTurn.ifPresent(token -> tokenizer.tokenToId(token).ifPresent(stops::add));
        this.stopTokenIds = Set.copyOf(stops);
        this.spans = new AssistantSpans(template, this.variables, endOfTurn.orElse(null));
    }

    /**
     * The tokenizer's own chat template, no extra variables.
     *
     * @throws ChatTemplateException if the tokenizer has no chat template
     */
    public static ChatRenderer of(Tokenizer tokenizer) {
        return new ChatRenderer(tokenizer, ChatTemplate.forTokenizer(tokenizer), Map.of());
    }

    /**
     * Tokens and weights of the conversation (unshifted, untruncated).
     *
     * @throws ChatTemplateException if the template refuses the conversation or an assistant reply cannot be found
     */
    public RenderedExample render(List<ChatMessage> messages, TrainOn trainOn) {
        return render(messages, trainOn, Integer.MAX_VALUE);
    }

    /**
     * The first {@code maxTokens} tokens and weights of the conversation (fewer only when it has fewer); the
     * tokenizer's work is bounded by {@code maxTokens}, not by the length of the text.
     *
     * @throws ChatTemplateException as {@link #render(List, TrainOn)}
     */
    public RenderedExample render(List<ChatMessage> messages, TrainOn trainOn, int maxTokens) {
        String text = template.render(messages, false, variables);
        TokenizedText tokens = maxTokens == Integer.MAX_VALUE ? tokenizer.encodeWithOffsets(text)
                : tokenizer.encodeWithOffsets(text, maxTokens);
        List<CharSpan> trained = trainOn == TrainOn.ALL_TOKENS ? List.of(new CharSpan(0, text.length()))
                : spans.find(messages, text, trainOn == TrainOn.LAST_ASSISTANT_MESSAGE);
        int n = tokens.length();
        float[] weights = new float[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = tokens.start(i);
            ends[i] = tokens.end(i);
            for (CharSpan span : trained) {
                if (span.overlaps(starts[i], ends[i])) {
                    weights[i] = 1f;
                    break;
                }
            }
        }
        return new RenderedExample(text, tokens.ids(), weights, starts, ends);
    }

    /** The prompt a sampler continues: the conversation plus the assistant header ({@code add_generation_prompt=True}). */
    public int[] generationPrompt(List<ChatMessage> messages) {
        return tokenizer.encode(template.render(messages, true, variables));
    }

    /** Tokens that end an assistant turn: the tokenizer's EOS ids and the template's end-of-turn token. */
    public Set<Integer> stopTokenIds() {
        return stopTokenIds;
    }

    /** The special token the template writes right after an assistant reply ({@code <|im_end|>}, {@code <|eot_id|>}), if any. */
    public Optional<String> endOfTurn() {
        return endOfTurn;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Renders a probe exchange and reads the special token that follows the reply. */
    private Optional<String> probeEndOfTurn() {
        String text;
        try {
            text = template.render(List.of(ChatMessage.user(PROBE_USER), ChatMessage.assistant(PROBE_REPLY)), false, variables);
        } catch (ChatTemplateException e) {
            return Optional.empty();
        }
        int at = text.indexOf(PROBE_REPLY);
        if (at < 0) {
            return Optional.empty();
        }
        String after = text.substring(at + PROBE_REPLY.length());
        if (after.isEmpty()) {
            return Optional.empty();
        }
        TokenizedText tokens = tokenizer.encodeWithOffsets(after);
        if (tokens.length() == 0 || !tokenizer.decode(new int[] {tokens.id(0)}, true).isEmpty()) {
            return Optional.empty(); // the reply is followed by ordinary text, not a special token
        }
        return Optional.of(after.substring(tokens.start(0), tokens.end(0)));
    }
}
