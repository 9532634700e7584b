package dev.whetstone.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What counts as an exact match, on the golden tiny model's real tokenizer (WordLevel, eos {@code <|im_end|>}).
 * Scoring a real sampler as it trains is in {@code run.ExactMatchMetricTest}.
 */
class ExactMatchEvaluatorTest {
    private static HfTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = HfTokenizer.load(Path.of("src/test/resources/golden/qwen3_tied/model"), "golden-qwen3");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static SampledSequence reply(StopReason reason, String text, boolean endOfTurn) {
        List<Integer> tokens = new ArrayList<>();
        for (int id : tokenizer.encode(text)) {
            tokens.add(id);
        }
        if (endOfTurn) {
            tokens.add(tokenizer.eosTokenIds().get(0));
        }
        return new SampledSequence(tokens, tokens.stream().map(t -> 0.0).toList(), reason);
    }

    @Test
    void theExpectedReplyEndedByTheEndOfTurnTokenMatches() {
        assertThat(ExactMatchEvaluator.matches(tokenizer, reply(StopReason.STOP, "w4 w5", true), "w4 w5")).isTrue();

    }

    @Test
    void aDifferentLongerOrUnfinishedReplyDoesNotMatch() {
        assertThat(ExactMatchEvaluator.matches(tokenizer, reply(StopReason.STOP, "w4 w6", true), "w4 w5")).isFalse();
        assertThat(ExactMatchEvaluator.matches(tokenizer, reply(StopReason.STOP, "w4 w5 w5", true), "w4 w5")).isFalse();
        assertThat(ExactMatchEvaluator.matches(tokenizer, reply(StopReason.STOP, "w4", true), "w4 w5")).isFalse();
        assertThat(ExactMatchEvaluator.matches(tokenizer, reply(StopReason.LENGTH, "w4 w5", false), "w4 w5")).isFalse();
    }
}
