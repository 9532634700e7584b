package dev.whetstone.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tokenizer of a model, read from its {@code tokenizer.json} and {@code tokenizer_config.json}.
 *
 * <p>Encoding never truncates and adds no special tokens unless asked:
 * {@code int[] ids = tokenizer.encode("Hello");}
 */
public interface Tokenizer {

    /** Token ids of {@code text}, without special tokens added. */
    int[] encode(String text);

    /** Token ids of {@code text}; with {@code addSpecialTokens} the tokenizer's post-processor (e.g. BOS) runs. */
    int[] encode(String text, boolean addSpecialTokens);

    /**
     * Token ids of {@code text} (no special tokens added) with the characters each token covers:
     * {@code tokenizer.encodeWithOffsets("<|im_start|>user").end(0) == 12}.
     *
     * <p>The default derives offsets by decoding growing prefixes (quadratic, and approximate where a
     * character spans tokens); real tokenizers override it with the offsets they compute while encoding.
     */
    default TokenizedText encodeWithOffsets(String text) {
        int[] ids = encode(text);
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        int previous = 0;
        for (int i = 0; i < ids.length; i++) {
            int end = Math.min(text.length(), Math.max(previous, decode(java.util.Arrays.copyOf(ids, i + 1)).length()));
            starts[i] = previous;
            ends[i] = end;
            previous = end;
        }
        return new TokenizedText(text, ids, starts, ends);
    }

    /** Text of {@code ids}, special tokens included. */
    String decode(int[] ids);

    /** Text of {@code ids}, with special tokens removed when {@code skipSpecialTokens}. */
    String decode(int[] ids, boolean skipSpecialTokens);

    /** Number of ids the tokenizer can produce (base vocabulary plus added tokens). */
    int vocabSize();

    /** The string form of one token id (e.g. {@code "<|im_end|>"} or {@code "Ġthe"}). */
    String idToToken(int id);

    /** The id of a token string, if the vocabulary has it. */
    OptionalInt tokenToId(String token);

    /** BOS id from the model's files, if the model has one. */
    OptionalInt bosTokenId();

    /** Every id that ends generation: from {@code generation_config.json}, {@code config.json} and {@code tokenizer_config.json}. */
    List<Integer> eosTokenIds();

    /** Pad id, if the model defines one. */
    OptionalInt padTokenId();

    /** The Jinja chat template from {@code tokenizer_config.json} (or {@code chat_template.jinja}), if present. */
    Optional<String> chatTemplate();

    /** An identifier of this tokenizer (the model name or folder). */
    String id();
}
