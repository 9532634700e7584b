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

    /**
     * The first {@code maxTokens} tokens of {@code text}, as {@link #encodeWithOffsets(String)} gives them, with
     * work bounded by what is kept rather than by the text: a 3-million-character row truncated to 1024
     * tokens is tokenized only as far as needed. Fewer tokens come back only when the text has fewer.
     * {@code tokenizer.encodeWithOffsets(row, maxLength + 1).length() > maxLength} says the row is cut.
     *
     * <p>The default encodes the whole text and keeps the first tokens; real tokenizers override it.
     */
    default TokenizedText encodeWithOffsets(String text, int maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
        }
        return encodeWithOffsets(text).first(maxTokens);
    }

    /**
     * Text of {@code ids}, special tokens included. An id with no token (see {@link #hasToken(int)}) adds
     * nothing, as in Hugging Face's {@code decode}.
     */
    String decode(int[] ids);

    /** Text of {@code ids}, with special tokens removed when {@code skipSpecialTokens}; ids with no token add nothing. */
    String decode(int[] ids, boolean skipSpecialTokens);

    /**
     * Whether this tokenizer has a token for {@code id}. A model's vocabulary often has more rows than its
     * tokenizer has ids (padding to a multiple of 64 or 128), and a sampler can pick one of those rows:
     * such an id decodes to no text. {@code tokenizer.hasToken(151_700)}
     */
    default boolean hasToken(int id) {
        return id >= 0 && id < vocabSize();
    }

    /**
     * Text of {@code ids} for a person to read: as {@link #decode(int[], boolean)}, but each id with no token
     * shows as {@link #unknownTokenText(int)} instead of vanishing:
     * {@code tokenizer.decodeShowingUnknown(new int[] {9707, 151_700}, true)} → {@code "Hello[unknown id 151700]"}.
     */
    default String decodeShowingUnknown(int[] ids, boolean skipSpecialTokens) {
        StringBuilder text = new StringBuilder();
        int from = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || !hasToken(ids[i])) {
                if (i > from) {
                    text.append(decode(java.util.Arrays.copyOfRange(ids, from, i), skipSpecialTokens));
                }
                if (i < ids.length) {
                    text.append(unknownTokenText(ids[i]));
                }
                from = i + 1;
            }
        }
        return text.toString();
    }

    /** How an id with no token is shown: {@code [unknown id 151700]}. */
    static String unknownTokenText(int id) {
        return "[unknown id " + id + "]";
    }

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
