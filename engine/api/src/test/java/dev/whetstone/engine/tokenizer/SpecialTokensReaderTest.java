package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.ModelFormatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** How the special tokens are read from a model folder's config files (ids as in {@link TinyModelFolder}). */
class SpecialTokensReaderTest {

    @TempDir
    Path dir;

    @Test
    void tokensGivenAsStringsResolveThroughTheVocabulary() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("tokenizer_config.json", """
                {"bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>"}
                """);
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.bosTokenId()).hasValue(0);
            assertThat(tokenizer.eosTokenIds()).containsExactly(1);
            assertThat(tokenizer.padTokenId()).hasValue(2);
        }
    }

    @Test
    void tokensGivenAsObjectsUseTheirContent() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("tokenizer_config.json", """
                {"bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false, "special": true},
                 "eos_token": {"__type": "AddedToken", "content": "<eot>", "lstrip": false, "special": true},
                 "pad_token": {"content": "<pad>"}}
                """);
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.bosTokenId()).hasValue(0);
            assertThat(tokenizer.eosTokenIds()).containsExactly(3);
            assertThat(tokenizer.padTokenId()).hasValue(2);
        }
    }

    @Test
    void eosIdsAreTheUnionWithGenerationConfigFirst() {
        TinyModelFolder folder = TinyModelFolder.in(dir)
                .with("tokenizer_config.json", "{\"eos_token\": \"</s>\"}")
                .with("config.json", "{\"bos_token_id\": 0, \"eos_token_id\": 1}")
                .with("generation_config.json", "{\"eos_token_id\": [3, 1]}");
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.eosTokenIds()).containsExactly(3, 1);
        }
    }

    @Test
    void eosIdGivenAsIntInGenerationConfigComesFirst() {
        TinyModelFolder folder = TinyModelFolder.in(dir)
                .with("tokenizer_config.json", "{\"eos_token\": \"</s>\"}")
                .with("generation_config.json", "{\"eos_token_id\": 3}");
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.eosTokenIds()).containsExactly(3, 1);
        }
    }

    @Test
    void idsFromConfigJsonFillInWhatTheTokenizerConfigLacks() {
        TinyModelFolder folder = TinyModelFolder.in(dir)
                .with("tokenizer_config.json", "{\"bos_token\": null, \"pad_token\": null}")
                .with("config.json", "{\"bos_token_id\": 0, \"eos_token_id\": [1, 3], \"pad_token_id\": 2}");
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.bosTokenId()).hasValue(0);
            assertThat(tokenizer.eosTokenIds()).containsExactly(1, 3);
            assertThat(tokenizer.padTokenId()).hasValue(2);
        }
    }

    @Test
    void folderWithoutConfigFilesHasNoSpecialTokens() {
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.bosTokenId()).isEmpty();
            assertThat(tokenizer.eosTokenIds()).isEmpty();
            assertThat(tokenizer.padTokenId()).isEmpty();
        }
    }

    @Test
    void tokenMissingFromTheVocabularyIsIgnored() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("tokenizer_config.json", "{\"eos_token\": \"<|nope|>\"}");
        try (HfTokenizer tokenizer = folder.load()) {
            assertThat(tokenizer.eosTokenIds()).isEmpty();
        }
    }

    @Test
    void garbledGenerationConfigNamesTheFile() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("generation_config.json", "{\"eos_token_id\": [3,");
        assertThatThrownBy(folder::load)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("generation_config.json").toString())
                .hasMessageContaining("Hugging Face repo");
    }

    @Test
    void eosIdThatIsNoIntNamesTheFileAndField() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("config.json", "{\"eos_token_id\": \"</s>\"}");
        assertThatThrownBy(folder::load)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("config.json").toString())
                .hasMessageContaining("eos_token_id");
    }
}
