package dev.whetstone.engine.tokenizer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JSON files of a model folder ({@code tokenizer.json}, {@code config.json}, ...), read into trees;
 * a file that cannot be read or parsed becomes a {@link ModelFormatException} that names it.
 */
final class ModelJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelJson() {
    }

    /** The parsed file, or empty when the folder has no such file (optional files such as {@code config.json}). */
    static Optional<JsonNode> readIfPresent(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file, "replace it with the " + file.getFileName() + " from the model's Hugging Face repo"));
    }

    /** The parsed file; {@code fix} tells the user what to do when it is missing or garbled. */
    static JsonNode read(Path file, String fix) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("Missing " + file + ": " + fix);
        }
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ModelFormatException(file + " is not a JSON object: " + fix);
            }
            return node;
        } catch (JacksonException e) {
            throw new ModelFormatException(file + " is not valid JSON (" + e.getOriginalMessage() + "): " + fix, e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + file + " (" + e.getMessage() + "): " + fix, e);
        }
    }
}
