package dev.whetstone.engine.local.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link StopStrings} on the real Qwen3 byte-level tokenizer: the first token completing a stop string. */
class StopStringsTest {
    private static final Path FOLDER = Path.of("target/fixtures/qwen3-tokenizer");
    private static HfTokenizer tokenizer;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isRegularFile(FOLDER.resolve("tokenizer.json")), "the Qwen3 tokenizer fixture is fetched by the build");
        tokenizer = HfTokenizer.load(FOLDER, "qwen3");
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /** Feeds {@code text}'s tokens one at a time; returns the index of the first that completes a stop string, or -1. */
    private static int firstStop(String text, String... stops) {
        StopStrings matcher = new StopStrings(List.of(stops), tokenizer);
        List<Integer> generated = new ArrayList<>();
        for (int id : tokenizer.encode(text)) {
            generated.add(id);
            if (matcher.completedBy(generated)) {
                return generated.size() - 1;
            }
        }
        return -1;
    }

    /** The index of the first token whose prefix decodes to text containing {@code stop}, by full decoding. */
    private static int expected(String text, String stop) {
        int[] ids = tokenizer.encode(text);
        for (int k = 1; k <= ids.length; k++) {
            if (tokenizer.decode(java.util.Arrays.copyOf(ids, k)).contains(stop)) {
                return k - 1;
            }
        }
        return -1;
    }

    @Test
    void stopsAtTheTokenThatCompletesTheString() {
        String text = "Hello world. This is a test.\n\nNext paragraph";
        assertThat(firstStop(text, "\n\n")).isEqualTo(expected(text, "\n\n")).isPositive();
    }

    @Test
    void aStopStringSplitAcrossByteTokensStopsWhenItsLastByteArrives() {
        String text = "I really like to eat 🍣 with friends";
        int[] ids = tokenizer.encode(text);
        assertThat(ids.length).isGreaterThan(tokenizer.encode("I really like to eat with friends").length + 1);
        assertThat(firstStop(text, "🍣")).isEqualTo(expected(text, "🍣")).isPositive();
    }

    @Test
    void findsAStopStringFarPastTheDecodedWindow() {
        String text = "word ".repeat(300) + "THE END and more";
        assertThat(firstStop(text, "THE END")).isEqualTo(expected(text, "THE END")).isGreaterThan(300);
    }

    @Test
    void neverStopsWithoutAMatch() {
        assertThat(firstStop("nothing to see here", "\n\n", "zebra")).isEqualTo(-1);
    }
}
