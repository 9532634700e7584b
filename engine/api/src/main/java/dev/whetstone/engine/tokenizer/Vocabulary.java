package dev.whetstone.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.ModelFormatException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The token strings of a {@code tokenizer.json} and their ids: the model's vocabulary plus the added
 * tokens. DJL's tokenizer does not expose this mapping, so it is read from the file.
 */
final class Vocabulary {

    private final Map<String, Integer> idsByToken;
    private final String[] tokensById; // [V]; null where no token has the id

    private Vocabulary(Map<String, Integer> idsByToken) {
        this.idsByToken = Map.copyOf(idsByToken);
        int size = idsByToken.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        this.tokensById = new String[size];
        idsByToken.forEach((token, id) -> tokensById[id] = token);
    }

    /** Reads {@code model.vocab} (a token → id object, or Unigram's list of [token, score]) and {@code added_tokens}. */
    static Vocabulary of(JsonNode tokenizerJson, Path file) {
        Map<String, Integer> ids = new HashMap<>();
        JsonNode vocab = tokenizerJson.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                ids.put(entry.getKey(), id(entry.getValue(), file, "model.vocab." + entry.getKey()));
            }
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i).path(0).asText(), i);
            }
        } else {
            throw new ModelFormatException(file + " has no model.vocab: use the tokenizer.json from the model's Hugging Face repo");
        }
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            ids.put(added.path("content").asText(), id(added.path("id"), file, "added_tokens[].id"));
        }
        return new Vocabulary(ids);
    }

    private static int id(JsonNode node, Path file, String field) {
        if (!node.canConvertToInt() || node.intValue() < 0) {
            throw new ModelFormatException(file + ": " + field + " must be an id >= 0, was " + node
                    + "; use the tokenizer.json from the model's Hugging Face repo");
        }
        return node.intValue();
    }

    /** Highest id + 1. */
    int size() {
        return tokensById.length;
    }

    OptionalInt idOf(String token) {
        Integer id = idsByToken.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Whether some token has {@code id}. */
    boolean has(int id) {
        return id >= 0 && id < tokensById.length && tokensById[id] != null;
    }

    String tokenOf(int id) {
        if (id < 0 || id >= tokensById.length) {
            throw new IllegalArgumentException("token id must be in [0, " + tokensById.length + "), was " + id);
        }
        String token = tokensById[id];
        if (token == null) {
            throw new IllegalArgumentException("no token has id " + id);
        }
        return token;
    }
}
