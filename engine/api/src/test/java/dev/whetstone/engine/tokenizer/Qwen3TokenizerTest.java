package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@link HfTokenizer} on the real Qwen3 tokenizer, fetched by the build into {@code target/fixtures}. */
class Qwen3TokenizerTest {

    private static final Path FOLDER = Path.of("target/fixtures/qwen3-tokenizer");
    private static HfTokenizer tokenizer;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isRegularFile(FOLDER.resolve("tokenizer.json")),
                "the Qwen3 tokenizer is fetched by the build (src/test/fixtures/fetch-tokenizers.sh); was -Dskip.fixtures=true set?");
        tokenizer = HfTokenizer.load(FOLDER, "qwen3");
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void encodesHelloAsOneKnownId() {
        assertThat(tokenizer.encode("Hello")).containsExactly(9707);
    }

    @Test
    void encodesChatMarkersAsSingleSpecialTokens() {
        assertThat(tokenizer.encode("<|im_start|>")).containsExactly(151644);
        assertThat(tokenizer.encode("<|im_end|>")).containsExactly(151645);
    }

    @Test
    void eosIncludesImEnd() {
        assertThat(tokenizer.eosTokenIds()).contains(151645);
    }

    @Test
    void padIsEndOfTextAndThereIsNoBos() {
        assertThat(tokenizer.padTokenId()).hasValue(151643);
        assertThat(tokenizer.bosTokenId()).isEmpty();
    }

    @Test
    void addSpecialTokensAddsNothingBecauseQwen3HasNoBos() {
        assertThat(tokenizer.encode("Hello", true)).containsExactly(9707);
    }

    @Test
    void decodeRoundTripsCyrillicEmojiTabsAndNewlines() {
        String text = "Привет, мир! 👋🏽 naïve café\n\tindented\r\n\n  two spaces 日本語 🤖";
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
    }

    @Test
    void longTextIsNotTruncated() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(300);
        int[] ids = tokenizer.encode(text);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3000);
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
    }

    @Test
    void decodeKeepsOrSkipsSpecialTokens() {
        int[] ids = {151644, 9707, 151645};
        assertThat(tokenizer.decode(ids)).isEqualTo("<|im_start|>Hello<|im_end|>");
        assertThat(tokenizer.decode(ids, true)).isEqualTo("Hello");
    }

    @Test
    void vocabularyCoversBaseAndAddedTokens() {
        assertThat(tokenizer.vocabSize()).isEqualTo(151669);
        assertThat(tokenizer.idToToken(151668)).isEqualTo("</think>");
        assertThat(tokenizer.idToToken(9707)).isEqualTo("Hello");
        assertThat(tokenizer.tokenToId("<|im_end|>")).hasValue(151645);
    }

    @Test
    void encodeWithOffsetsGivesJavaCharSpansEvenAfterAnEmoji() {
        String text = "<|im_start|>user\n🙂é ab<|im_end|>";
        var encoded = tokenizer.encodeWithOffsets(text);
        assertThat(encoded.ids()).containsExactly(tokenizer.encode(text));
        int last = encoded.length() - 1;
        assertThat(text.substring(encoded.start(0), encoded.end(0))).isEqualTo("<|im_start|>");
        assertThat(text.substring(encoded.start(last), encoded.end(last))).isEqualTo("<|im_end|>"); // 🙂 is two Java chars
    }

    @Test
    void aLoneSurrogateEncodesAsAReplacementCharacterWithOffsetsInPlace() {
        String text = "a\ud800b \udc00 c\ud83d\ude00";   // a JSON "\ud800" escape reads as one unpaired char
        var encoded = tokenizer.encodeWithOffsets(text);
        assertThat(encoded.ids()).containsExactly(tokenizer.encode(text.replace('\ud800', '\ufffd').replace('\udc00', '\ufffd')));
        assertThat(encoded.end(encoded.length() - 1)).isEqualTo(text.length());
        assertThat(tokenizer.decode(encoded.ids())).isEqualTo("a\ufffdb \ufffd c\ud83d\ude00");
    }

    @Test
    void boundedEncodingGivesTheWholeTextsFirstTokens() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        String[] pieces = {"the ", "cat ", "日本語", "😀", "é", "  ", "\n", "aaaa", "<|im_end|>", "Привет ", "1234", ",", "\t"};
        for (int round = 0; round < 12; round++) {
            StringBuilder text = new StringBuilder();
            int parts = 500 + random.nextInt(2500);
            for (int i = 0; i < parts; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            var whole = tokenizer.encodeWithOffsets(text.toString());
            for (int max : new int[] {0, 1, 17, 300, 1500, whole.length() - 1, whole.length(), whole.length() + 5}) {
                var bounded = tokenizer.encodeWithOffsets(text.toString(), Math.max(0, max));
                var expected = whole.first(Math.max(0, max));
                assertThat(bounded.ids()).as("round %d, max %d", round, max).containsExactly(expected.ids());
                for (int i = 0; i < bounded.length(); i++) {
                    assertThat(bounded.start(i)).isEqualTo(expected.start(i));
                    assertThat(bounded.end(i)).isEqualTo(expected.end(i));
                }
            }
        }
    }

    @Test
    void aThreeMillionCharacterRowCostsNoMoreThanWhatIsKept() {
        String[] rows = {"a".repeat(3_000_000), "日本語のテキスト😀 ".repeat(300_000), "word ".repeat(600_000)};
        for (String row : rows) {
            long start = System.nanoTime();
            var kept = tokenizer.encodeWithOffsets(row, 2049);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(kept.length()).isEqualTo(2049);
            assertThat(seconds).as("seconds to keep 2049 tokens of a %d-char row", row.length()).isLessThan(2.0);
        }
    }

    @Test
    void chatTemplateIsPresent() {
        assertThat(tokenizer.chatTemplate()).hasValueSatisfying(template -> assertThat(template).contains("<|im_start|>"));
    }
}
