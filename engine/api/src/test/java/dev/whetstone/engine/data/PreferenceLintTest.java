package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.tokenizer.ChatMessage;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lint of preference pairs and prompts on the real Qwen3 tokenizer and template. */
class PreferenceLintTest {
    private static final Path FILE = Path.of("pairs.jsonl");

    private static PreferenceExample pair(long line, String prompt, String chosen, String rejected) {
        return new PreferenceExample(new SourceLine(FILE, line), List.of(ChatMessage.user(prompt)), chosen, rejected);
    }

    private static DatasetLint lint(int maxLength) {
        return new DatasetLint(SupervisedExampleBuilder.forTokenizer(RealTokenizers.qwen3(), maxLength, TrainOn.ALL_ASSISTANT_MESSAGES),
                new PromptRules(16, Set.of("answer")));
    }

    @Test
    void aCleanPairHasNoProblemAndBothRepliesAreTrained() {
        LintReport report = lint(1024).lint(List.of(pair(1, "what is pears ?", "we eat it", "a color")));
        assertThat(report.problems()).isEmpty();
        assertThat(report.trainedTokens()).isPositive();
    }

    @Test
    void identicalRepliesAreAWarningThatThePairIsSkipped() {
        LintReport report = lint(1024).lint(List.of(pair(3, "q", "same", "same")));
        assertThat(report.problems(LintRule.IDENTICAL_PAIR)).singleElement().satisfies(p -> {
            assertThat(p.toString()).isEqualTo("pairs.jsonl:3: rejected — the same reply as chosen: the pair teaches nothing and is skipped");
            assertThat(p.blocking()).isFalse();
        });
    }

    @Test
    void truncationIsReportedPerSide() {
        String longReply = "one two three four five six seven eight nine ten";
        PreferencePair full = new PreferencePairBuilder(SupervisedExampleBuilder.forTokenizer(RealTokenizers.qwen3(), 1024,
                TrainOn.ALL_ASSISTANT_MESSAGES)).build(pair(1, "q", longReply, "b"));
        int shortSide = full.rejected().stats().tokens();        // the whole rejected conversation fits, the chosen does not
        int rejectedReply = full.rejected().stats().trainedTokens();
        LintReport cut = lint(shortSide).lint(List.of(pair(4, "q", longReply, "b")));
        assertThat(cut.problems(LintRule.TRUNCATED)).singleElement().satisfies(p -> assertThat(p.message())
                .matches("truncation to " + shortSide + " tokens cuts \\d+ of \\d+ chosen and 0 of " + rejectedReply
                        + " rejected reply tokens: DPO then compares the parts that are left"));
        LintReport gone = lint(2).lint(List.of(pair(5, "q", longReply, "b")));
        assertThat(gone.problems(LintRule.NO_TRAINED_TOKENS)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("chosen");
            assertThat(p.blocking()).isTrue();
        });
    }

    @Test
    void repliesThatDifferOnlyPastTheCutAreReportedAsIdentical() {
        PreferencePair built = new PreferencePairBuilder(SupervisedExampleBuilder.forTokenizer(RealTokenizers.qwen3(), 1024,
                TrainOn.ALL_ASSISTANT_MESSAGES)).build(pair(1, "q", "a", "b"));
        int prompt = built.chosen().stats().tokens() - built.chosen().stats().trainedTokens();
        LintReport report = lint(prompt + 2).lint(List.of(pair(6, "q", "same start one", "same start two")));
        assertThat(report.problems(LintRule.IDENTICAL_PAIR)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("the cut falls before they differ"));
    }

    @Test
    void aPromptWithoutTheRewardsFieldIsBlocking() {
        var fields = JsonNodeFactory.instance.objectNode().put("prompt", "2 + 3 ?");
        PromptExample prompt = new PromptExample(new SourceLine(FILE, 7), List.of(ChatMessage.user("2 + 3 ?")), fields);
        LintReport report = lint(1024).lint(List.of(prompt));
        assertThat(report.problems(LintRule.MISSING_FIELD)).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("pairs.jsonl:7: answer — the reward reads \"answer\", which this row lacks");
            assertThat(p.blocking()).isTrue();
        });
    }

    @Test
    void aPromptThatFillsTheMaxLengthIsBlocking() {
        var fields = JsonNodeFactory.instance.objectNode().put("answer", "5");
        PromptExample prompt = new PromptExample(new SourceLine(FILE, 8), List.of(ChatMessage.user("a long question " .repeat(20))), fields);
        LintReport report = lint(16).lint(List.of(prompt));
        assertThat(report.problems(LintRule.PROMPT_TOO_LONG)).singleElement().satisfies(p -> assertThat(p.blocking()).isTrue());
    }
}
