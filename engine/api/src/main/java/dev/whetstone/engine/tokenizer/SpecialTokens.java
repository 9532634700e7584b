package dev.whetstone.engine.tokenizer;

import java.util.List;
import java.util.OptionalInt;

/**
 * The special token ids of a model: the BOS id, every id that ends generation, and the pad id.
 *
 * <p>{@code new SpecialTokens(OptionalInt.empty(), List.of(151645), OptionalInt.of(151643))} is Qwen3's.
 */
record SpecialTokens(OptionalInt bosTokenId, List<Integer> eosTokenIds, OptionalInt padTokenId) {

    SpecialTokens {
        eosTokenIds = List.copyOf(eosTokenIds);
        if (eosTokenIds.stream().distinct().count() != eosTokenIds.size()) {
            throw new IllegalArgumentException("eosTokenIds must not repeat an id, was " + eosTokenIds);
        }
    }
}
