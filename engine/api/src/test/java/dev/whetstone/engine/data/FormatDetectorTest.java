package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class FormatDetectorTest {

    @TempDir
    Path dir;

    private FormatDetection detect(String name, String content) throws IOException {
        return FormatDetector.detect(Files.writeString(dir.resolve(name), content));
    }

    @Test
    void messagesRowsAreChatAndTheReasonNamesTheLine() throws IOException {
        FormatDetection d = detect("d.jsonl", "\n{\"messages\": []}\n");
        assertThat(d.format()).isEqualTo(DatasetFormat.CHAT_MESSAGES);
        assertThat(d.reason()).isEqualTo("line 2 has a \"messages\" array (OpenAI chat style)");
    }

    @Test
    void conversationsRowsAreShareGpt() throws IOException {
        assertThat(detect("d.jsonl", "{\"conversations\": [{\"from\": \"human\", \"value\": \"x\"}]}").format())
                .isEqualTo(DatasetFormat.SHAREGPT);
    }

    @Test
    void instructionAndOutputAreAlpaca() throws IOException {
        assertThat(detect("d.json", "{\"instruction\": \"a\", \"input\": \"\", \"output\": \"b\"}").format())
                .isEqualTo(DatasetFormat.ALPACA);
    }

    @Test
    void textRowsAndTxtFilesArePlainText() throws IOException {
        assertThat(detect("d.jsonl", "{\"text\": \"a\"}").format()).isEqualTo(DatasetFormat.TEXT);
        FormatDetection txt = detect("book.txt", "Once upon a time");
        assertThat(txt.format()).isEqualTo(DatasetFormat.TEXT);
        assertThat(txt.reason()).contains(".txt");
    }

    @Test
    void csvGuessesPromptAndCompletionColumnsFromTheHeader() throws IOException {
        FormatDetection d = detect("qa.csv", "Question,Answer,system\nq,a,s\n");
        assertThat(d.format()).isEqualTo(DatasetFormat.CSV);
        assertThat(d.csvColumns()).contains(CsvColumns.promptCompletion("Question", "Answer").withSystem("system"));
        assertThat(d.reason()).contains("\"Question\" and \"Answer\"");
    }

    @Test
    void csvWithoutKnownColumnsAsksForAMapping() throws IOException {
        FormatDetection d = detect("x.csv", "a,b\n1,2\n");
        assertThat(d.csvColumns()).isEmpty();
        assertThat(d.reason()).contains("[a, b]");
    }

    @Test
    void aFirstLineThatIsNotJsonLeavesTheFormatToTheFirstRowThatIs() throws IOException {
        FormatDetection d = detect("late.jsonl", "{\"messages\": [\n\n{\"instruction\": \"i\", \"output\": \"o\"}\n");
        assertThat(d.format()).isEqualTo(DatasetFormat.ALPACA);
        assertThat(d.reason()).startsWith("line 3 has");
    }

    @Test
    void noLineThatIsJsonIsADatasetExceptionWithTheFirstLinesProblem() {
        assertThatThrownBy(() -> detect("none.jsonl", "nope\n{broken\n"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("none.jsonl:1: not valid JSON at column 1")
                .hasMessageContaining("no line is a JSON object");
    }

    @Test
    void csvWithoutKnownColumnsNamesTheHeadersToUse() throws IOException {
        FormatDetection d = detect("y.csv", "a,b\n1,2\n");
        assertThat(d.reason()).contains("prompt and completion").contains("question and answer").doesNotContain("choose");
    }

    @Test
    void unknownKeysAreADatasetExceptionThatListsThem() {
        assertThatThrownBy(() -> detect("d.jsonl", "{\"foo\": 1, \"bar\": 2}"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("[foo, bar]");
    }

    @Test
    void emptyAndBinaryFilesAreRefused() {
        assertThatThrownBy(() -> detect("e.jsonl", "\n\n")).isInstanceOf(DatasetException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FormatDetector.detect(Files.write(dir.resolve("b.jsonl"), new byte[] {1, 0, 2})))
                .isInstanceOf(DatasetException.class).hasMessageContaining("binary");
    }
}
