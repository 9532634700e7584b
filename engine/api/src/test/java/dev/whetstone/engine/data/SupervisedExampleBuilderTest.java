package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplateException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

class SupervisedExampleBuilderTest {

    private static final SourceLine WHERE = new SourceLine(Path.of("d.jsonl"), 3);
    private static final ConversationExample CHAT = new ConversationExample(WHERE,
            List.of(ChatMessage.user("What is 2 + 2?"), ChatMessage.assistant("The answer is four.")));

    @Test
    void datumIsTheTinkerShiftOfTokensAndWeights() {
        SupervisedExample example = SupervisedExampleBuilder.forTokenizer(RealTokenizers.qwen3(), 4096,
                TrainOn.LAST_ASSISTANT_MESSAGE).build(CHAT);
        int[] tokens = example.rendered().tokens();
        float[] weights = example.rendered().weights();
        Datum datum = example.datum();
        int n = tokens.length;
        assertThat(datum.modelInput().toInts()).containsExactly(Arrays.copyOfRange(tokens, 0, n - 1));
        assertThat(datum.input("target_tokens").longs()).containsExactly(Arrays.stream(tokens, 1, n).asLongStream().toArray());
        assertThat(datum.input("weights").floats()).containsExactly(Arrays.copyOfRange(weights, 1, n));
        assertThat(example.source()).isEqualTo(WHERE);
    }

    @Test
    void statsCountTrainedTokensAndTheStopToken() {
        SupervisedExample example = SupervisedExampleBuilder.forTokenizer(RealTokenizers.qwen3(), 4096,
                TrainOn.LAST_ASSISTANT_MESSAGE).build(CHAT);
        ExampleStats stats = example.stats();
        assertThat(stats.truncated()).isFalse();
        assertThat(stats.trainedTokens()).isEqualTo(example.rendered().trainedTokens()).isGreaterThan(5);
        assertThat(stats.cutTrainedTokens()).isZero();
        assertThat(stats.trainsStopToken()).isTrue();
    }

    @Test
    void truncationKeepsTheFirstMaxLengthTokensAndReportsWhatItCut() {
        Tokenizer qwen = RealTokenizers.qwen3();
        SupervisedExample full = SupervisedExampleBuilder.forTokenizer(qwen, 4096, TrainOn.LAST_ASSISTANT_MESSAGE).build(CHAT);
        int maxLength = full.stats().tokens() - 3; // cuts ".", <|im_end|> and "\n"
        SupervisedExample cut = SupervisedExampleBuilder.forTokenizer(qwen, maxLength, TrainOn.LAST_ASSISTANT_MESSAGE).build(CHAT);
        assertThat(cut.stats().truncated()).isTrue();
        assertThat(cut.stats().keptTokens()).isEqualTo(maxLength);
        assertThat(cut.datum().modelInput().length()).isEqualTo(maxLength - 1);
        assertThat(cut.stats().cutTrainedTokens()).isEqualTo(2);
        assertThat(cut.stats().trainedTokens()).isEqualTo(full.stats().trainedTokens() - 2);
        assertThat(cut.stats().trainsStopToken()).isFalse();
        assertThat(cut.rendered().length()).isEqualTo(full.rendered().length()); // the inspector still sees it all
    }

    @Test
    void plainTextTrainsEveryTokenAndEndsWithEos() {
        Tokenizer llama = RealTokenizers.llama3();
        SupervisedExample example = SupervisedExampleBuilder.forTokenizer(llama, 4096, TrainOn.ALL_ASSISTANT_MESSAGES)
                .build(new TextExample(WHERE, "Once upon a time"));
        int[] tokens = example.rendered().tokens();
        assertThat(tokens[0]).isEqualTo(llama.bosTokenId().getAsInt());
        assertThat(tokens[tokens.length - 1]).isEqualTo(llama.eosTokenIds().get(0));
        assertThat(example.stats().trainedTokens()).isEqualTo(tokens.length - 1);
        assertThat(example.stats().trainsStopToken()).isTrue();
    }

    @Test
    void aConversationWithoutAChatTemplateIsAChatTemplateException() {
        SupervisedExampleBuilder textOnly = new SupervisedExampleBuilder(RealTokenizers.qwen3(), Optional.empty(), 64,
                TrainOn.ALL_ASSISTANT_MESSAGES);
        assertThatThrownBy(() -> textOnly.build(CHAT)).isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("no chat template");
    }

    @Test
    void maxLengthBelowTwoIsRejected() {
        assertThatThrownBy(() -> new SupervisedExampleBuilder(RealTokenizers.qwen3(), Optional.empty(), 1, TrainOn.ALL_TOKENS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxLength must be >= 2, was 1");
    }
}
