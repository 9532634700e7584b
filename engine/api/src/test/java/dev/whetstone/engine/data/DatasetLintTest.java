package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One test per lint rule, on the real Qwen3 tokenizer and template. */
class DatasetLintTest {

    private static final Path FILE = Path.of("train.jsonl");
    private static final Path VALID = Path.of("valid.jsonl");

    @TempDir
    Path dir;

    private static ConversationExample row(long line, ChatMessage... messages) {
        return row(FILE, line, messages);
    }

    private static ConversationExample row(Path file, long line, ChatMessage... messages) {
        return new ConversationExample(new SourceLine(file, line), List.of(messages));
    }

    private static ConversationExample good(long line, String question) {
        return row(line, ChatMessage.user(question), ChatMessage.assistant("Answer to " + question));
    }

    private static DatasetLint lint(int maxLength, TrainOn trainOn) {
        return new DatasetLint(SupervisedExampleBuilder.forTokenizer(RealTokenizers.qwen3(), maxLength, trainOn));
    }

    private static LintReport lintRows(Example... rows) {
        return lint(4096, TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(rows));
    }

    @Test
    void aCleanDatasetHasNoProblemsAndIsNotBlocking() {
        LintReport report = lintRows(good(1, "a"), good(2, "b"));
        assertThat(report.problems()).isEmpty();
        assertThat(report.blocking()).isFalse();
        assertThat(report.rows()).isEqualTo(2);
        assertThat(report.trainedTokens()).isPositive();
    }

    @Test
    void unreadableRowsFromTheReaderAreBlocking() throws IOException {
        Path file = Files.writeString(dir.resolve("t.jsonl"), "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"},"
                + " {\"role\": \"assistant\", \"content\": \"a\"}]}\nnot json\n");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            LintReport report = lint(4096, TrainOn.ALL_ASSISTANT_MESSAGES).lint(reader);
            assertThat(report.problems()).singleElement().satisfies(p -> {
                assertThat(p.rule()).isEqualTo(LintRule.UNREADABLE_ROW);
                assertThat(p.where()).isEqualTo(new SourceLine(file, 2));
            });
            assertThat(report.blocking()).isTrue();
        }
    }

    @Test
    void anEmptyFileIsAnEmptyDataset() throws IOException {
        Path file = Files.writeString(dir.resolve("e.jsonl"), "");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            assertThat(lint(4096, TrainOn.ALL_ASSISTANT_MESSAGES).lint(reader).count(LintRule.EMPTY_DATASET)).isEqualTo(1);
        }
    }

    @Test
    void unknownRolesAreBadRoles() {
        LintReport report = lintRows(row(1, ChatMessage.user("q"), new ChatMessage("bot", "a"), ChatMessage.assistant("b")));
        assertThat(report.problems(LintRule.BAD_ROLE)).singleElement()
                .hasToString("train.jsonl:1: messages[1].role — unknown role \"bot\"; use system, user, assistant or tool");
        assertThat(report.blocking()).isTrue();
    }

    @Test
    void withoutAModelRoleTyposEmptyConversationsAndRowsWithoutAReplyAreErrors() {
        LintReport report = DatasetLint.withoutModel(TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(
                row(1, ChatMessage.user("q"), new ChatMessage("ASSISTANT", "a")),
                row(2, ChatMessage.user("q"), new ChatMessage("assistant ", "a")),
                row(3, ChatMessage.user("q"), new ChatMessage("gpt", "a")),
                row(4, ChatMessage.user("q"), new ChatMessage("", "a")),
                row(5),
                row(6, ChatMessage.system("s"), ChatMessage.user("q")),
                good(7, "fine")));
        assertThat(report.problems()).extracting(DataProblem::toString).containsExactly(
                "train.jsonl:1: messages[1].role — unknown role \"ASSISTANT\"; roles are lower case with no spaces: write \"assistant\"",
                "train.jsonl:2: messages[1].role — unknown role \"assistant \"; roles are lower case with no spaces: write \"assistant\"",
                "train.jsonl:3: messages[1].role — unknown role \"gpt\"; write \"assistant\" (\"gpt\" is another format's name)",
                "train.jsonl:4: messages[1].role — unknown role \"\"; the role is empty: use system, user, assistant or tool",
                "train.jsonl:5: messages — the conversation is empty; a row needs a user message and the assistant's reply",
                "train.jsonl:6: messages — the conversation has no assistant message, so nothing in it is trained; add the"
                        + " reply the model should learn");
        assertThat(report.blocking()).isTrue();
        assertThat(report.rows()).isEqualTo(7);
    }

    @Test
    void withoutAModelARowWithoutAReplyIsFineWhenEveryTokenIsTrained() {
        LintReport report = DatasetLint.withoutModel(TrainOn.ALL_TOKENS).lint(List.of(row(1, ChatMessage.user("q"))));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void withAModelAnEmptyConversationIsReportedOnce() {
        LintReport report = lintRows(row(1));
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo(LintRule.NO_TRAINED_TOKENS));
    }

    @Test
    void repeatedRolesLateSystemAndAssistantFirstAreOutOfOrder() {
        LintReport report = lintRows(
                row(1, ChatMessage.user("q"), ChatMessage.user("q again"), ChatMessage.assistant("a")),
                row(2, ChatMessage.user("q"), ChatMessage.system("late"), ChatMessage.assistant("a")),
                row(3, ChatMessage.system("s"), ChatMessage.assistant("hello"), ChatMessage.user("q"), ChatMessage.assistant("a")));
        assertThat(report.problems(LintRule.ROLE_ORDER)).extracting(p -> p.where().line()).containsExactly(1L, 2L, 3L);
        assertThat(report.problems(LintRule.ROLE_ORDER).get(0).message()).contains("two user messages in a row");
    }

    @Test
    void aThreeMillionCharacterReplyIsLintedInBoundedTime() {
        String reply = "日本語のテキスト😀 and some words ".repeat(120_000);
        assertThat(reply.length()).isGreaterThan(3_000_000);
        // CPU time of this thread (the tokenizer's native work included), not wall time: other builds on a shared
        // 2-core machine stretch the wall clock; tokenizing the whole row (the bug) took minutes of CPU
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        LintReport report = lint(1024, TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(row(1, ChatMessage.user("q"),
                ChatMessage.assistant(reply))));
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        assertThat(seconds).as("CPU seconds to lint one 3M-character row").isLessThan(10);
        assertThat(report.problems(LintRule.TRUNCATED)).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("truncation to 1024 tokens cuts at least ").endsWith("(the row has over 2048 tokens; counting stops there)"));
        assertThat(report.trainedTokens()).isGreaterThan(1000).isLessThan(1024);
    }

    @Test
    void emptyAssistantTurnsAreWarnings() {
        LintReport report = lintRows(row(1, ChatMessage.user("q"), ChatMessage.assistant("  ")));
        assertThat(report.problems(LintRule.EMPTY_ASSISTANT)).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("messages[1].content"));
        assertThat(report.problems(LintRule.EMPTY_ASSISTANT).get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aTemplateThatRaisesIsATemplateError() {
        Tokenizer qwen = RealTokenizers.qwen3();
        ChatTemplate strict = ChatTemplate.of("{% if messages|length > 2 %}{{ raise_exception('Only one turn') }}{% endif %}"
                + "{% for m in messages %}<{{ m.role }}>{{ m.content }}</s>{% endfor %}", Map.of());
        DatasetLint lint = new DatasetLint(new SupervisedExampleBuilder(qwen, Optional.of(new ChatRenderer(qwen, strict, Map.of())),
                4096, TrainOn.ALL_ASSISTANT_MESSAGES));
        LintReport report = lint.lint(List.of(row(4, ChatMessage.user("q"), ChatMessage.assistant("a"), ChatMessage.user("q2"))));
        assertThat(report.problems(LintRule.TEMPLATE_ERROR)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Only one turn"));
    }

    @Test
    void aConversationEndingWithTheUserTrainsNothing() {
        LintReport report = lint(4096, TrainOn.LAST_ASSISTANT_MESSAGE).lint(List.of(row(1, ChatMessage.user("q"))));
        assertThat(report.problems(LintRule.NO_TRAINED_TOKENS)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("LAST_ASSISTANT_MESSAGE"));
        assertThat(report.blocking()).isTrue();
    }

    @Test
    void truncationThatCutsTrainedTokensIsReportedAndCuttingThemAllTrainsNothing() {
        ConversationExample longAnswer = row(1, ChatMessage.user("q"), ChatMessage.assistant("word ".repeat(50)));
        LintReport some = lint(30, TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(longAnswer));
        assertThat(some.problems(LintRule.TRUNCATED)).singleElement().satisfies(p -> assertThat(p.message()).contains("truncation to 30 tokens cuts"));
        assertThat(some.count(LintRule.MISSING_EOS)).isEqualTo(1); // <|im_end|> was cut too
        LintReport all = lint(8, TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(longAnswer));
        assertThat(all.problems(LintRule.NO_TRAINED_TOKENS)).singleElement().satisfies(p -> assertThat(p.message()).contains("cuts every trained token"));
        assertThat(all.histogram().overCutoff()).isEqualTo(1);
    }

    @Test
    void aTrainedPartWithoutEosIsAWarning() {
        Tokenizer qwen = RealTokenizers.qwen3();
        ChatTemplate noEndOfTurn = ChatTemplate.of("{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}"
                + "{% if add_generation_prompt %}assistant:{% endif %}", Map.of());
        DatasetLint lint = new DatasetLint(new SupervisedExampleBuilder(qwen, Optional.of(new ChatRenderer(qwen, noEndOfTurn, Map.of())),
                4096, TrainOn.ALL_ASSISTANT_MESSAGES));
        LintReport report = lint.lint(List.of(row(1, ChatMessage.user("q"), ChatMessage.assistant("a"))));
        assertThat(report.problems(LintRule.MISSING_EOS)).singleElement().satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
        assertThat(report.blocking()).isFalse();
    }

    @Test
    void exactDuplicatesPointAtTheFirstCopy() {
        LintReport report = lintRows(good(1, "a"), good(2, "b"), good(3, "a"));
        assertThat(report.problems(LintRule.DUPLICATE)).singleElement().hasToString("train.jsonl:3: the same row as line 1");
    }

    @Test
    void validationRowsAlsoInTrainingAreLeakage() {
        LintReport report = lint(4096, TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(good(1, "a"), good(2, "b")),
                List.of(row(VALID, 1, ChatMessage.user("b"), ChatMessage.assistant("Answer to b")), row(VALID, 2,
                        ChatMessage.user("c"), ChatMessage.assistant("Answer to c"))));
        assertThat(report.problems(LintRule.LEAKAGE)).singleElement()
                .satisfies(p -> assertThat(p).hasToString("valid.jsonl:1: also in the training split at train.jsonl:2;"
                        + " validation loss will look better than it is"));
        assertThat(report.validationRows()).isEqualTo(2);
    }

    @Test
    void histogramBinsTheTokenLengthsOfTrainingRowsAgainstTheCutoff() {
        LintReport report = lint(100, TrainOn.ALL_ASSISTANT_MESSAGES).lint(List.of(good(1, "a"), good(2, "b"),
                row(3, ChatMessage.user("q"), ChatMessage.assistant("word ".repeat(300)))));
        TokenLengthHistogram histogram = report.histogram();
        assertThat(histogram.rows()).isEqualTo(3);
        assertThat(histogram.cutoff()).isEqualTo(100);
        assertThat(histogram.overCutoff()).isEqualTo(1);
        assertThat(histogram.bins()).hasSize(TokenLengthHistogram.BINS + 1);
        assertThat(histogram.bins().get(TokenLengthHistogram.BINS).rows()).isEqualTo(1); // over twice the cutoff
        assertThat(histogram.bins().stream().mapToLong(TokenLengthHistogram.Bin::rows).sum()).isEqualTo(3);
        assertThat(histogram.longest()).isGreaterThan(200); // counting stops past twice the cutoff
    }
}
