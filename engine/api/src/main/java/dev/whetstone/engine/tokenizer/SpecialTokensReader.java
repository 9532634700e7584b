package dev.whetstone.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.ModelFormatException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Reads a model folder's special tokens from {@code generation_config.json}, {@code config.json} and
 * {@code tokenizer_config.json}, each optional.
 *
 * <p>EOS ids are the union of all three, in that order (generation_config first, as it is what
 * generation uses: Llama 3.1 Instruct lists 128001, 128008 and 128009 there). BOS and pad come from
 * the tokenizer config's token strings first, then from the ids in config.json and generation_config.json.
 */
final class SpecialTokensReader {

    private static final Logger LOG = LoggerFactory.getLogger(SpecialTokensReader.class);

    private final Path modelDir;
    private final Vocabulary vocabulary;

    SpecialTokensReader(Path modelDir, Vocabulary vocabulary) {
        this.modelDir = modelDir;
        this.vocabulary = vocabulary;
    }

    SpecialTokens read() {
        Path tokenizerConfigFile = modelDir.resolve("tokenizer_config.json");
        Path configFile = modelDir.resolve("config.json");
        Path generationConfigFile = modelDir.resolve("generation_config.json");
        Optional<JsonNode> tokenizerConfig = ModelJson.readIfPresent(tokenizerConfigFile);
        Optional<JsonNode> config = ModelJson.readIfPresent(configFile);
        Optional<JsonNode> generationConfig = ModelJson.readIfPresent(generationConfigFile);

        Set<Integer> eos = new LinkedHashSet<>();
        generationConfig.ifPresent(json -> eos.addAll(ids(json, "eos_token_id", generationConfigFile)));
        config.ifPresent(json -> eos.addAll(ids(json, "eos_token_id", configFile)));
        tokenizerConfig.ifPresent(json -> tokenId(json, "eos_token", tokenizerConfigFile).ifPresent(eos::add));

        OptionalInt bos = firstOf(
                tokenizerConfig.map(json -> tokenId(json, "bos_token", tokenizerConfigFile)),
                config.map(json -> singleId(json, "bos_token_id", configFile)),
                generationConfig.map(json -> singleId(json, "bos_token_id", generationConfigFile)));
        OptionalInt pad = firstOf(
                tokenizerConfig.map(json -> tokenId(json, "pad_token", tokenizerConfigFile)),
                config.map(json -> singleId(json, "pad_token_id", configFile)),
                generationConfig.map(json -> singleId(json, "pad_token_id", generationConfigFile)));
        return new SpecialTokens(bos, List.copyOf(eos), pad);
    }

    /** The id of a token given as a string ({@code "<|im_end|>"}) or an object ({@code {"content": "<|im_end|>", ...}}). */
    private OptionalInt tokenId(JsonNode json, String field, Path file) {
        JsonNode value = json.path(field);
        String token;
        if (value.isTextual()) {
            token = value.textValue();
        } else if (value.isObject() && value.path("content").isTextual()) {
            token = value.path("content").textValue();
        } else if (value.isMissingNode() || value.isNull()) {
            return OptionalInt.empty();
        } else {
            throw new ModelFormatException(file + ": " + field + " must be a token string or an object with"
                    + " \"content\", was " + value + "; use the file from the model's Hugging Face repo");
        }
        OptionalInt id = vocabulary.idOf(token);
        if (id.isEmpty()) {
            LOG.warn("{}: {} {} is not in the tokenizer's vocabulary; ignoring it", file, field, token);
        }
        return id;
    }

    /** An id field that is an int or a list of ints ({@code "eos_token_id": [128001, 128009]}). */
    private static List<Integer> ids(JsonNode json, String field, Path file) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false)
                    .map(element -> id(element, field, file))
                    .toList();
        }
        return List.of(id(value, field, file));
    }

    private static OptionalInt singleId(JsonNode json, String field, Path file) {
        List<Integer> ids = ids(json, field, file);
        return ids.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ids.get(0));
    }

    private static int id(JsonNode value, String field, Path file) {
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new ModelFormatException(file + ": " + field + " must be a token id (an int >= 0) or a list of"
                    + " them, was " + value + "; use the file from the model's Hugging Face repo");
        }
        return value.intValue();
    }

    @SafeVarargs
    private static OptionalInt firstOf(Optional<OptionalInt>... candidates) {
        for (Optional<OptionalInt> candidate : candidates) {
            if (candidate.isPresent() && candidate.get().isPresent()) {
                return candidate.get();
            }
        }
        return OptionalInt.empty();
    }
}
