package dev.whetstone.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.tokenizer.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preference pairs (DPO) and prompts (GRPO) as the dataset layer detects and reads them. */
class PreferenceAndPromptRowsTest {
    @TempDir
    Path dir;

    private record Read(List<Example> examples, List<DataProblem> problems, DatasetFormat format) {
    }

    private Read read(String... lines) throws IOException {
        Path file = Files.write(dir.resolve("d.jsonl"), List.of(lines));
        try (DatasetReader reader = DatasetReader.open(file)) {
            List<Example> examples = new ArrayList<>();
            reader.forEach(examples::add);
            return new Read(examples, reader.problems(), reader.format());
        }
    }

    @Test
    void chosenAndRejectedAreDetectedAsPreferencePairsWithATextOrMessagesPrompt() throws IOException {
        Read r = read("{\"prompt\": \"what is pears ?\", \"chosen\": \"we eat it\", \"rejected\": \"a color\"}",
                "{\"prompt\": [{\"role\": \"system\", \"content\": \"be brief\"}, {\"role\": \"user\", \"content\": \"hi\"}],"
                        + " \"chosen\": [{\"role\": \"assistant\", \"content\": \"hello\"}], \"rejected\": \"go away\"}");
        assertThat(r.format()).isEqualTo(DatasetFormat.PREFERENCE);
        assertThat(r.problems()).isEmpty();
        PreferenceExample first = (PreferenceExample) r.examples().get(0);
        assertThat(first.prompt()).containsExactly(ChatMessage.user("what is pears ?"));
        assertThat(first.chosen()).isEqualTo("we eat it");
        assertThat(first.rejected()).isEqualTo("a color");
        PreferenceExample second = (PreferenceExample) r.examples().get(1);
        assertThat(second.prompt()).containsExactly(ChatMessage.system("be brief"), ChatMessage.user("hi"));
        assertThat(second.chosenConversation().messages()).endsWith(ChatMessage.assistant("hello"));
    }

    @Test
    void withoutAPromptChosenAndRejectedShareEverythingBeforeTheirLastMessage() throws IOException {
        String user = "{\"role\": \"user\", \"content\": \"q\"}";
        Read r = read("{\"chosen\": [" + user + ", {\"role\": \"assistant\", \"content\": \"good\"}],"
                + " \"rejected\": [" + user + ", {\"role\": \"assistant\", \"content\": \"bad\"}]}");
        PreferenceExample pair = (PreferenceExample) r.examples().get(0);
        assertThat(pair.prompt()).containsExactly(ChatMessage.user("q"));
        assertThat(pair.chosen()).isEqualTo("good");
        assertThat(pair.rejected()).isEqualTo("bad");
    }

    @Test
    void aMissingSideIsAProblemNamingFileLineAndField() throws IOException {
        Read r = read("{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}", "{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": 3}",
                "{\"chosen\": \"b\", \"rejected\": \"c\"}");
        assertThat(r.examples()).hasSize(1);
        assertThat(r.problems()).extracting(DataProblem::toString).containsExactly(
                dir.resolve("d.jsonl") + ":2: rejected — missing or not a string or an array of {role, content} ending in the assistant's reply",
                dir.resolve("d.jsonl") + ":3: prompt — missing: give a \"prompt\" (text or messages), or make chosen and rejected"
                        + " whole conversations that share every message before their last");
        assertThat(r.problems()).allMatch(DataProblem::blocking);
    }

    @Test
    void promptRowsKeepEveryFieldForTheReward() throws IOException {
        Read r = read("{\"prompt\": \"2 + 3 ?\", \"answer\": \"5\", \"level\": 1}");
        assertThat(r.format()).isEqualTo(DatasetFormat.PROMPTS);
        PromptExample prompt = (PromptExample) r.examples().get(0);
        assertThat(prompt.prompt()).containsExactly(ChatMessage.user("2 + 3 ?"));
        assertThat(prompt.fields().get("answer").asText()).isEqualTo("5");
        assertThat(prompt.fields().get("level").asInt()).isEqualTo(1);
    }

    @Test
    void aChatRowReadAsAPromptGivesItsLastAssistantMessageAsTheAnswer() throws IOException {
        Path file = Files.write(dir.resolve("chat.jsonl"), List.of("{\"messages\": [{\"role\": \"user\", \"content\": \"what is noah ?\"},"
                + " {\"role\": \"assistant\", \"content\": \"a name\"}]}"));
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.PROMPTS)) {
            PromptExample prompt = (PromptExample) reader.iterator().next();
            assertThat(prompt.prompt()).containsExactly(ChatMessage.user("what is noah ?"));
            assertThat(prompt.fields().get("answer").asText()).isEqualTo("a name");
        }
    }
}
