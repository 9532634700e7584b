package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loss masks from the real Qwen3 and Llama 3 templates. */
class ChatRendererTest {

    private static final List<ChatMessage> MULTI_TURN = List.of(
            ChatMessage.system("You are a terse assistant."),
            ChatMessage.user("What is 2 + 2?"), ChatMessage.assistant("4"),
            ChatMessage.user("And in French?"), ChatMessage.assistant("Quatre."));

    /** The trained tokens, decoded run by run. */
    private static List<String> trainedRuns(Tokenizer tokenizer, RenderedExample rendered) {
        List<String> runs = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (int i = 0; i <= rendered.length(); i++) {
            if (i < rendered.length() && rendered.weight(i) == 1f) {
                run.add(rendered.token(i));
            } else if (!run.isEmpty()) {
                runs.add(tokenizer.decode(run.stream().mapToInt(Integer::intValue).toArray()));
                run.clear();
            }
        }
        return runs;
    }

    @Test
    void qwen3AllAssistantMessagesTrainsRepliesAndImEndButNotHeaders() {
        Tokenizer qwen = RealTokenizers.qwen3();
        RenderedExample r = ChatRenderer.of(qwen).render(MULTI_TURN, TrainOn.ALL_ASSISTANT_MESSAGES);
        // the last reply follows the last user turn, so Qwen3's template adds the empty think block: it is trained
        assertThat(trainedRuns(qwen, r)).containsExactly("4<|im_end|>", "<think>\n\n</think>\n\nQuatre.<|im_end|>");
    }

    @Test
    void qwen3LastAssistantMessageTrainsOnlyTheLastReply() {
        Tokenizer qwen = RealTokenizers.qwen3();
        RenderedExample r = ChatRenderer.of(qwen).render(MULTI_TURN, TrainOn.LAST_ASSISTANT_MESSAGE);
        assertThat(trainedRuns(qwen, r)).containsExactly("<think>\n\n</think>\n\nQuatre.<|im_end|>");
    }

    @Test
    void qwen3HistoryThinkingIsDroppedAndTheLastThinkingIsTrained() {
        Tokenizer qwen = RealTokenizers.qwen3();
        List<ChatMessage> messages = List.of(ChatMessage.user("Q1"), ChatMessage.assistant("<think>\nr1\n</think>\n\nA1"),
                ChatMessage.user("Q2"), ChatMessage.assistant("<think>\nr2\n</think>\n\nA2"));
        RenderedExample r = ChatRenderer.of(qwen).render(messages, TrainOn.ALL_ASSISTANT_MESSAGES);
        assertThat(trainedRuns(qwen, r)).containsExactly("A1<|im_end|>", "<think>\nr2\n</think>\n\nA2<|im_end|>");
    }

    @Test
    void allTokensTrainsEverything() {
        Tokenizer qwen = RealTokenizers.qwen3();
        RenderedExample r = ChatRenderer.of(qwen).render(MULTI_TURN, TrainOn.ALL_TOKENS);
        assertThat(r.trainedTokens()).isEqualTo(r.length());
    }

    @Test
    void tokensEqualTheTokenizationOfTheWholeRenderedText() {
        Tokenizer qwen = RealTokenizers.qwen3();
        RenderedExample r = ChatRenderer.of(qwen).render(MULTI_TURN, TrainOn.ALL_ASSISTANT_MESSAGES);
        assertThat(r.tokens()).containsExactly(qwen.encode(r.text()));
        assertThat(r.token(0)).isEqualTo(151644); // <|im_start|>
        assertThat(r.text().substring(r.start(1), r.end(1))).isEqualTo("system");
    }

    @Test
    void llama3TrainsRepliesAndEotIdAndStartsWithBos() {
        Tokenizer llama = RealTokenizers.llama3();
        RenderedExample r = ChatRenderer.of(llama).render(MULTI_TURN, TrainOn.ALL_ASSISTANT_MESSAGES);
        assertThat(trainedRuns(llama, r)).containsExactly("4<|eot_id|>", "Quatre.<|eot_id|>");
        assertThat(llama.idToToken(r.token(0))).isEqualTo("<|begin_of_text|>");
        // this early Llama 3 template always ends with an assistant header; it is not trained
        assertThat(r.text()).endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(r.weight(r.length() - 1)).isZero();
    }

    @Test
    void endOfTurnAndStopTokensComeFromTheTemplate() {
        ChatRenderer qwen = ChatRenderer.of(RealTokenizers.qwen3());
        assertThat(qwen.endOfTurn()).contains("<|im_end|>");
        assertThat(qwen.stopTokenIds()).contains(151645);
        ChatRenderer llama = ChatRenderer.of(RealTokenizers.llama3());
        assertThat(llama.endOfTurn()).contains("<|eot_id|>");
        assertThat(llama.stopTokenIds()).contains(llama.tokenizer().tokenToId("<|eot_id|>").getAsInt());
    }

    @Test
    void generationPromptEndsWithTheAssistantHeaderAndHonoursTemplateVariables() {
        Tokenizer qwen = RealTokenizers.qwen3();
        ChatRenderer noThinking = new ChatRenderer(qwen, ChatTemplate.forTokenizer(qwen), Map.of("enable_thinking", false));
        String prompt = qwen.decode(noThinking.generationPrompt(List.of(ChatMessage.user("Hi"))));
        assertThat(prompt).isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    @Test
    void aTemplateWithoutSpecialEndOfTurnStillMasksByRenderingPrefixes() {
        Tokenizer qwen = RealTokenizers.qwen3();
        ChatTemplate plain = ChatTemplate.of("{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}"
                + "{% if add_generation_prompt %}assistant: {% endif %}", Map.of());
        ChatRenderer renderer = new ChatRenderer(qwen, plain, Map.of());
        assertThat(renderer.endOfTurn()).isEmpty();
        RenderedExample r = renderer.render(List.of(ChatMessage.user("Q"), ChatMessage.assistant("A"), ChatMessage.user("Q2"),
                ChatMessage.assistant("B")), TrainOn.ALL_ASSISTANT_MESSAGES);
        // " A" is one token that straddles header and reply: a token with any trained character is trained
        assertThat(trainedRuns(qwen, r)).containsExactly(" A", " B");
    }
}
