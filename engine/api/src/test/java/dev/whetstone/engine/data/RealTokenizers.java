package dev.whetstone.engine.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whetstone.engine.tokenizer.HfTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Qwen3 and Llama 3 tokenizers the build fetches into {@code target/fixtures}, loaded once per JVM. */
final class RealTokenizers {

    private static HfTokenizer qwen3;
    private static HfTokenizer llama3;

    private RealTokenizers() {
    }

    static synchronized HfTokenizer qwen3() {
        if (qwen3 == null) {
            qwen3 = load("qwen3-tokenizer", "qwen3");
        }
        return qwen3;
    }

    static synchronized HfTokenizer llama3() {
        if (llama3 == null) {
            llama3 = load("llama3-tokenizer", "llama3");
        }
        return llama3;
    }

    private static HfTokenizer load(String folder, String id) {
        Path dir = Path.of("target/fixtures", folder);
        assumeTrue(Files.isRegularFile(dir.resolve("tokenizer.json")),
                "the " + id + " tokenizer is fetched by the build (src/test/fixtures/fetch-tokenizers.sh); was -Dskip.fixtures=true set?");
        return HfTokenizer.load(dir, id);
    }
}
