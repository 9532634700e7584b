package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.tokenizer.ChatMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class DatasetReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<Example> readAll(DatasetReader reader) {
        List<Example> examples = new ArrayList<>();
        reader.forEach(examples::add);
        return examples;
    }

    @Test
    void readsChatMessagesWithTopLevelSystemAndContentParts() throws IOException {
        Path file = write("chat.jsonl", """
                {"system": "Be brief.", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}
                {"messages": [{"role": "user", "content": [{"type": "text", "text": "Two "}, {"type": "text", "text": "parts"}]}, {"role": "assistant", "content": "ok"}]}
                """);
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            List<Example> examples = readAll(reader);
            assertThat(examples).containsExactly(
                    new ConversationExample(new SourceLine(file, 1), List.of(ChatMessage.system("Be brief."),
                            ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"))),
                    new ConversationExample(new SourceLine(file, 2), List.of(ChatMessage.user("Two parts"),
                            ChatMessage.assistant("ok"))));
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void readsAlpacaWithAndWithoutInput() throws IOException {
        Path file = write("alpaca.jsonl", """
                {"instruction": "Translate", "input": "chat", "output": "cat"}
                {"instruction": "Say hi", "input": "", "output": "hi", "system": "Be nice."}
                """);
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.ALPACA)) {
            assertThat(readAll(reader)).extracting(e -> ((ConversationExample) e).messages()).containsExactly(
                    List.of(ChatMessage.user("Translate\n\nchat"), ChatMessage.assistant("cat")),
                    List.of(ChatMessage.system("Be nice."), ChatMessage.user("Say hi"), ChatMessage.assistant("hi")));
        }
    }

    @Test
    void readsShareGptAndMapsSpeakers() throws IOException {
        Path file = write("sharegpt.jsonl", """
                {"conversations": [{"from": "system", "value": "S"}, {"from": "human", "value": "Q"}, {"from": "gpt", "value": "A"}]}
                """);
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.SHAREGPT)) {
            assertThat(readAll(reader)).extracting(e -> ((ConversationExample) e).messages()).containsExactly(
                    List.of(ChatMessage.system("S"), ChatMessage.user("Q"), ChatMessage.assistant("A")));
        }
    }

    @Test
    void readsCsvThroughAColumnMappingWithQuotedNewlines() throws IOException {
        Path file = write("qa.csv", "id,question,answer,persona\n1,\"What, exactly?\",\"Two\nlines\",Pirate\n2,Q2,A2,\n");
        CsvColumns columns = CsvColumns.promptCompletion("question", "answer").withSystem("persona");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CSV, columns)) {
            List<Example> examples = readAll(reader);
            assertThat(examples).extracting(e -> ((ConversationExample) e).messages()).containsExactly(
                    List.of(ChatMessage.system("Pirate"), ChatMessage.user("What, exactly?"), ChatMessage.assistant("Two\nlines")),
                    List.of(ChatMessage.user("Q2"), ChatMessage.assistant("A2")));
            assertThat(examples).extracting(e -> e.source().line()).containsExactly(2L, 4L);
        }
    }

    @Test
    void csvWithAMissingColumnReportsTheColumnAndTheHeader() throws IOException {
        Path file = write("qa.csv", "q,a\nx,y\n");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CSV, CsvColumns.promptCompletion("question", "a"))) {
            assertThat(readAll(reader)).isEmpty();
            assertThat(reader.problems()).first().hasToString(file + ": question — no such column in the header"
                    + " (columns are [q, a]); pick the column mapping again");
        }
    }

    @Test
    void readsPlainTextAsBlankLineSeparatedDocuments() throws IOException {
        Path file = write("corpus.txt", "First document,\nsecond line.\n\n\nSecond document.\n");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).containsExactly(
                    new TextExample(new SourceLine(file, 1), "First document,\nsecond line."),
                    new TextExample(new SourceLine(file, 5), "Second document."));
        }
    }

    @Test
    void readsJsonlTextRows() throws IOException {
        Path file = write("corpus.jsonl", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).extracting(e -> ((TextExample) e).text()).containsExactly("one", "two");
        }
    }

    @Test
    void badLinesAreReportedWithFileLineAndFieldAndTheRestStillLoads() throws IOException {
        Path file = write("mixed.jsonl", """
                {"messages": [{"role": "user", "content": "ok 1"}, {"role": "assistant", "content": "a"}]}
                {"messages": [{"role": "user", "content": "cut
                [1, 2]
                {"messages": [{"role": "user"}]}
                {"messages": "nope"}

                {"messages": [{"role": "user", "content": "ok 2"}, {"role": "assistant", "content": "b"}]}
                """);
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            assertThat(readAll(reader)).extracting(e -> e.source().line()).containsExactly(1L, 7L);
            assertThat(reader.problems()).extracting(DataProblem::toString).containsExactly(
                    file + ":2: " + reader.problems().get(0).message(),
                    file + ":3: a row must be a JSON object ({...}), was an array",
                    file + ":4: messages[0].content — missing or not a string (or a list of text parts)",
                    file + ":5: messages — missing or not an array of {role, content}");
            assertThat(reader.problems().get(0).message()).startsWith("not valid JSON");
            assertThat(reader.problems()).allMatch(p -> p.rule() == LintRule.UNREADABLE_ROW && p.blocking());
        }
    }

    @Test
    void wrongEncodingIsReportedPerLine() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        byte[] bad = "{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = "{\"text\": \"fine\"}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, concat(bad, good));
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).extracting(e -> ((TextExample) e).text()).containsExactly("fine");
            assertThat(reader.problems()).singleElement().hasToString(file + ":1: the line is not valid UTF-8: save the file as UTF-8");
        }
    }

    @Test
    void binaryFileReportsEveryLineAndAnEmptyDataset() throws IOException {
        Path file = dir.resolve("model.jsonl");
        Files.write(file, new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, '\n', 0, 0, 2});
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            assertThat(readAll(reader)).isEmpty();
            assertThat(reader.problems()).extracting(DataProblem::rule).containsExactly(
                    LintRule.UNREADABLE_ROW, LintRule.UNREADABLE_ROW, LintRule.EMPTY_DATASET);
            assertThat(reader.problems().get(0).message()).contains("binary");
        }
    }

    @Test
    void emptyFileIsAnEmptyDatasetProblem() throws IOException {
        Path file = write("empty.jsonl", "");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            assertThat(readAll(reader)).isEmpty();
            assertThat(reader.problems()).singleElement().satisfies(p -> {
                assertThat(p.rule()).isEqualTo(LintRule.EMPTY_DATASET);
                assertThat(p).hasToString(file + ": the file has no rows");
            });
        }
    }

    @Test
    void aTruncatedLastLineIsReportedAndTheRestKept() throws IOException {
        Path file = write("cut.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).hasSize(1);
            assertThat(reader.problems()).singleElement().satisfies(p -> assertThat(p.where().line()).isEqualTo(2));
        }
    }

    @Test
    void missingFileIsADatasetException() {
        assertThatThrownBy(() -> DatasetReader.open(dir.resolve("nope.jsonl"), DatasetFormat.TEXT))
                .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist");
    }

    @Test
    void openDetectsTheFormat() throws IOException {
        Path file = write("a.jsonl", "{\"instruction\": \"i\", \"output\": \"o\"}\n");
        try (DatasetReader reader = DatasetReader.open(file)) {
            assertThat(reader.format()).isEqualTo(DatasetFormat.ALPACA);
            assertThat(readAll(reader)).hasSize(1);
        }
    }

    @Test
    void twoRowsGluedOnOneLineAreReportedNotDropped() throws IOException {
        Path file = write("glued.jsonl", """
                {"text": "one"}{"text": "two"}
                {"text": "three"} {"text": "four"}
                {"text": "five"}}
                {"text": "six"}
                """);
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).extracting(e -> ((TextExample) e).text()).containsExactly("six");
            assertThat(reader.problems()).extracting(DataProblem::toString).containsExactly(
                    file + ":1: the line holds more than one JSON value (another starts at column 16); put each row on its own line",
                    file + ":2: the line holds more than one JSON value (another starts at column 19); put each row on its own line",
                    file + ":3: after the row ends at column 16 the line goes on with text that is not JSON; remove it, or put"
                            + " each row on its own line");
        }
    }

    @Test
    void everyLineEndingEndsARow() throws IOException {
        Path file = dir.resolve("mixed-endings.jsonl");
        Files.writeString(file, "{\"text\": \"mac\"}\r{\"text\": \"unix\"}\n{\"text\": \"windows\"}\r\n{\"text\": \"last\"}\r");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).extracting(e -> ((TextExample) e).text() + "@" + e.source().line())
                    .containsExactly("mac@1", "unix@2", "windows@3", "last@4");
            assertThat(reader.problems()).isEmpty();
        }
    }

    @Test
    void utf16AndUtf32FilesAreDecodedWithOrWithoutAByteOrderMark() throws IOException {
        String rows = "{\"text\": \"caf\u00e9 \ud83d\ude00\"}\n{\"text\": \"two\"}\n";
        String[][] encodings = {{"UTF-16LE", "\ufeff"}, {"UTF-16BE", "\ufeff"}, {"UTF-16LE", ""}, {"UTF-16BE", ""},
            {"UTF-32LE", "\ufeff"}, {"UTF-32BE", ""}, {"UTF-8", "\ufeff"}};
        for (String[] encoding : encodings) {
            Path file = dir.resolve("rows-" + encoding[0] + encoding[1].length() + ".jsonl");
            Files.write(file, (encoding[1] + rows).getBytes(java.nio.charset.Charset.forName(encoding[0])));
            try (DatasetReader reader = DatasetReader.open(file)) {
                assertThat(readAll(reader)).as(encoding[0]).extracting(e -> ((TextExample) e).text())
                        .containsExactly("caf\u00e9 \ud83d\ude00", "two");
                assertThat(reader.problems()).as(encoding[0]).isEmpty();
            }
        }
    }

    @Test
    void jsonErrorsAreToldInTheAuthorsTermsWithTheColumn() throws IOException {
        Path file = write("syntax.jsonl", String.join("\n",
                "{\"text\": \"a\",}",
                "{'text': 'a'}",
                "{\"text\": \"a\\qb\"}",
                "{\"text\": NaN}",
                "{\"text\": \"a\"",
                "{\"text\": \"a\u0001b\"}",
                "[".repeat(1200)) + "\n");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.TEXT)) {
            assertThat(readAll(reader)).isEmpty();
            assertThat(reader.problems()).extracting(DataProblem::message).containsExactly(
                    "not valid JSON at column 14: a comma before } (remove the trailing comma)",
                    "not valid JSON at column 2: field names and text need double quotes (\"), not single quotes",
                    "not valid JSON at column 13: \\q is not a JSON escape; write a backslash as \\\\",
                    "not valid JSON at column 13: 'NaN' is not a JSON value; text needs double quotes, and the only words"
                            + " allowed are true, false and null",
                    "not valid JSON at column 13: the line ends before the closing } of an object",
                    "not valid JSON at column 12: a raw control character (code 1) inside a string; write it as \\u0001"
                            + " (a row must fit on one line)",
                    "not valid JSON: the row is nested too deeply (1001; the limit is 1000); a row is an object of messages,"
                            + " not a deep tree",
                    "no row could be read; see the problems above");
            assertThat(reader.problems()).extracting(DataProblem::message)
                    .noneMatch(m -> m.contains("Feature") || m.contains("Constraints") || m.contains("`"));
        }
    }

    @Test
    void formatCsvWithoutColumnsGuessesThemFromTheHeader() throws IOException {
        Path file = write("qa.csv", "question,answer\nWhat?,That.\n");
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CSV)) {
            assertThat(readAll(reader)).extracting(e -> ((ConversationExample) e).messages()).containsExactly(
                    List.of(ChatMessage.user("What?"), ChatMessage.assistant("That.")));
        }
    }

    @Test
    void aTabSeparatedFileSplitsOnTabs() throws IOException {
        Path file = write("qa.tsv", "prompt\tcompletion\nsay hi\thi, you\n");
        try (DatasetReader reader = DatasetReader.open(file)) {
            assertThat(readAll(reader)).extracting(e -> ((ConversationExample) e).messages()).containsExactly(
                    List.of(ChatMessage.user("say hi"), ChatMessage.assistant("hi, you")));
        }
    }

    @Test
    void aFolderOrAnUnreadablePathIsADatasetExceptionNamingIt() {
        assertThatThrownBy(() -> DatasetReader.open(dir)).isInstanceOf(DatasetException.class).hasMessageContaining("is a folder");
        assertThatThrownBy(() -> DatasetReader.open(dir.resolve("nope.jsonl"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("does not exist");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
