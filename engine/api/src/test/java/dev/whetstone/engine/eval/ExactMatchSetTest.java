package dev.whetstone.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a held-out exact-match file: prompt and expected reply, and errors that name file:line and the fix. */
class ExactMatchSetTest {
    private static final String GOOD = "{\"messages\": [{\"role\": \"user\", \"content\": \"what is tea ?\"}, "
            + "{\"role\": \"assistant\", \"content\": \"we eat it\"}]}";

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("heldout.jsonl"), java.util.List.of(lines));
    }

    @Test
    void theLastAssistantMessageIsTheExpectedReplyAndEverythingBeforeItThePrompt() throws IOException {
        Path file = file(GOOD, "", "{\"messages\": [{\"role\": \"system\", \"content\": \"be brief\"}, "
                + "{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}, "
                + "{\"role\": \"user\", \"content\": \"and ?\"}, {\"role\": \"assistant\", \"content\": \"bye\"}]}");
        ExactMatchSet set = ExactMatchSet.read(file);
        assertThat(set.items()).hasSize(2);
        assertThat(set.items().get(0).expected()).isEqualTo("we eat it");
        assertThat(set.items().get(0).prompt()).containsExactly(ChatMessage.user("what is tea ?"));
        assertThat(set.items().get(1).expected()).isEqualTo("bye");
        assertThat(set.items().get(1).prompt()).hasSize(4).endsWith(ChatMessage.user("and ?"));
        assertThat(set.items().get(1).where().toString()).isEqualTo(file + ":3");
    }

    @Test
    void aRowWithoutAnAssistantMessageIsRefusedNamingItsLine() throws IOException {
        Path file = file(GOOD, "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThatThrownBy(() -> ExactMatchSet.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":2").hasMessageContaining("no assistant message")
                .hasMessageContaining("add one");
    }

    @Test
    void anEmptyExpectedReplyIsRefusedNamingLineAndField() throws IOException {
        Path file = file("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \" \"}]}");
        assertThatThrownBy(() -> ExactMatchSet.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":1").hasMessageContaining("messages[1].content")
                .hasMessageContaining("expected reply is empty");
    }

    @Test
    void aLineThatIsNotJsonIsRefusedNamingItsLine() throws IOException {
        Path file = file(GOOD, GOOD, "{\"messages\": [oops");
        assertThatThrownBy(() -> ExactMatchSet.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":3").hasMessageContaining("not valid JSON")
                .hasMessageContaining("each line must be");
    }

    @Test
    void aRowWithoutMessagesIsRefusedNamingTheField() throws IOException {
        Path file = file("{\"instruction\": \"hi\", \"output\": \"hello\"}");
        assertThatThrownBy(() -> ExactMatchSet.read(file)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":1").hasMessageContaining("messages");
    }

    @Test
    void aMissingOrEmptyFileIsRefused() throws IOException {
        assertThatThrownBy(() -> ExactMatchSet.read(dir.resolve("nope.jsonl"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("nope.jsonl").hasMessageContaining("does not exist");
        Path empty = file("", "");
        assertThatThrownBy(() -> ExactMatchSet.read(empty)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has no rows");
    }
}
