package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.ModelFormatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link HfTokenizer} on a tiny WordLevel tokenizer written by the test. */
class HfTokenizerTest {

    @TempDir
    Path dir;

    @Test
    void encodeAddsThePostProcessorsTokensOnlyWhenAsked() {
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.encode("hello world", true)).containsExactly(0, 5, 6);
            assertThat(tokenizer.encode("hello world", false)).containsExactly(5, 6);
            assertThat(tokenizer.encode("hello world")).containsExactly(5, 6);
        }
    }

    @Test
    void keepsToTheTokenizerLibraryInTheJar() {
        // DJL would pick (and download) a CUDA build of its tokenizer library on a GPU machine
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.encode("hello")).containsExactly(5);
        }
        if (System.getenv("RUST_FLAVOR") == null) {
            assertThat(System.getProperty("RUST_FLAVOR")).isEqualTo("cpu");
        }
    }

    @Test
    void decodeSkipsSpecialTokensOnlyWhenAsked() {
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.decode(new int[] {0, 5, 6, 1})).isEqualTo("<s> hello world </s>");
            assertThat(tokenizer.decode(new int[] {0, 5, 6, 1}, true)).isEqualTo("hello world");
        }
    }

    @Test
    void anIdWithNoTokenDecodesToNothingAndShowsAsUnknown() {
        // a model's vocabulary may have padding rows past the tokenizer's last id; sampling can pick one
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.hasToken(6)).isTrue();
            assertThat(tokenizer.hasToken(7)).isFalse();
            assertThat(tokenizer.decode(new int[] {5, 7, 6})).isEqualTo("hello world");
            assertThat(tokenizer.decodeShowingUnknown(new int[] {5, 7, 6}, true)).isEqualTo("hello[unknown id 7]world");
            assertThat(tokenizer.decodeShowingUnknown(new int[] {300}, false)).isEqualTo("[unknown id 300]");
            assertThatThrownBy(() -> tokenizer.decode(new int[] {5, -1})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was -1");
        }
    }

    @Test
    void vocabSizeIsTheHighestVocabIdPlusOne() {
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.vocabSize()).isEqualTo(7);
        }
    }

    @Test
    void vocabSizeCountsAddedTokensBeyondTheVocab() {
        String withToolTokenAt9 = TinyModelFolder.TOKENIZER_JSON.replace(
                "{\"id\": 3, \"content\": \"<eot>\"", "{\"id\": 9, \"content\": \"<tool>\", \"single_word\": false,"
                        + " \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true},\n"
                        + "{\"id\": 3, \"content\": \"<eot>\"");
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).with("tokenizer.json", withToolTokenAt9).load()) {
            assertThat(tokenizer.vocabSize()).isEqualTo(10);
            assertThat(tokenizer.tokenToId("<tool>")).hasValue(9);
        }
    }

    @Test
    void idToTokenAndTokenToIdMapBothWays() {
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.idToToken(5)).isEqualTo("hello");
            assertThat(tokenizer.tokenToId("<eot>")).hasValue(3);
            assertThat(tokenizer.tokenToId("goodbye")).isEmpty();
            assertThatThrownBy(() -> tokenizer.idToToken(7)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void idIsTheOneGivenToLoad() {
        try (HfTokenizer tokenizer = TinyModelFolder.in(dir).load()) {
            assertThat(tokenizer.id()).isEqualTo("tiny");
        }
    }

    @Test
    void missingTokenizerJsonNamesTheFileAndTheFix() {
        assertThatThrownBy(() -> HfTokenizer.load(dir, "empty"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("the tokenizer.json from the model's Hugging Face repo");
    }

    @Test
    void garbledTokenizerJsonNamesTheFileAndTheFix() {
        TinyModelFolder folder = TinyModelFolder.in(dir).with("tokenizer.json", "{\"model\": {\"vocab\": {\"a\": 0,");
        assertThatThrownBy(folder::load)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("Hugging Face repo");
    }

    @Test
    void jsonThatIsNoTokenizerNamesTheFileAndTheFix() {
        TinyModelFolder folder = TinyModelFolder.in(dir)
                .with("tokenizer.json", "{\"model\": {\"type\": \"Nonsense\", \"vocab\": {\"a\": 0}}}");
        assertThatThrownBy(folder::load)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("Hugging Face repo");
    }
}
