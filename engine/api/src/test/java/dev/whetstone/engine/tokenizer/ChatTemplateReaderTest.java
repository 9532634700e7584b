package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Where a model folder's chat template is read from. */
class ChatTemplateReaderTest {

    @TempDir
    Path dir;

    @Test
    void templateGivenAsStringIsUsed() {
        TinyModelFolder.in(dir).with("tokenizer_config.json", "{\"chat_template\": \"{{ messages }}\"}");
        assertThat(ChatTemplateReader.read(dir)).hasValue("{{ messages }}");
    }

    @Test
    void templateListUsesTheOneNamedDefault() {
        TinyModelFolder.in(dir).with("tokenizer_config.json", """
                {"chat_template": [{"name": "tool_use", "template": "tools"}, {"name": "default", "template": "plain"}]}
                """);
        assertThat(ChatTemplateReader.read(dir)).hasValue("plain");
    }

    @Test
    void templateListWithoutDefaultGivesNoTemplate() {
        TinyModelFolder.in(dir).with("tokenizer_config.json", """
                {"chat_template": [{"name": "tool_use", "template": "tools"}]}
                """);
        assertThat(ChatTemplateReader.read(dir)).isEmpty();
    }

    @Test
    void jinjaFileWinsOverTheTokenizerConfig() {
        TinyModelFolder.in(dir)
                .with("tokenizer_config.json", "{\"chat_template\": \"from config\"}")
                .with("chat_template.jinja", "from file\n");
        assertThat(ChatTemplateReader.read(dir)).hasValue("from file\n");
    }

    @Test
    void folderWithoutTemplateHasNone() {
        TinyModelFolder.in(dir).with("tokenizer_config.json", "{\"eos_token\": \"</s>\"}");
        assertThat(ChatTemplateReader.read(dir)).isEmpty();
    }

    @Test
    void tokenizerExposesTheTemplate() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("chat_template.jinja", "{{ bos_token }}");
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.chatTemplate()).hasValue("{{ bos_token }}");
        }
    }
}
