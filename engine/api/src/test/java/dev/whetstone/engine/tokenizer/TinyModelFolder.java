package dev.whetstone.engine.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model folder written by a test: a WordLevel {@code tokenizer.json} of seven tokens whose
 * post-processor adds {@code <s>}, plus whatever config files the test writes.
 *
 * <p>Ids: {@code <s>} 0, {@code </s>} 1, {@code <pad>} 2, {@code <eot>} 3, {@code <unk>} 4, hello 5, world 6.
 */
final class TinyModelFolder {

    static final String TOKENIZER_JSON = """
            {
              "version": "1.0",
              "truncation": null,
              "padding": null,
              "added_tokens": [
                {"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 1, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 2, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 3, "content": "<eot>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
              ],
              "normalizer": null,
              "pre_tokenizer": {"type": "Whitespace"},
              "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {"<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]}}
              },
              "decoder": null,
              "model": {
                "type": "WordLevel",
                "vocab": {"<s>": 0, "</s>": 1, "<pad>": 2, "<eot>": 3, "<unk>": 4, "hello": 5, "world": 6},
                "unk_token": "<unk>"
              }
            }
            """;

    private final Path dir;

    private TinyModelFolder(Path dir) {
        this.dir = dir;
    }

    /** A folder holding only the tiny {@code tokenizer.json}. */
    static TinyModelFolder in(Path dir) {
        return new TinyModelFolder(dir).with("tokenizer.json", TOKENIZER_JSON);
    }

    TinyModelFolder with(String fileName, String content) {
        try {
            Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    HfTokenizer load() {
        return HfTokenizer.load(dir, "tiny");
    }

    Path dir() {
        return dir;
    }
}
