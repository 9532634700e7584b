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
