package dev.whetstone.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.ModelFormatException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a model's Jinja chat template: the {@code chat_template.jinja} file if the folder has one
 * (newer Hugging Face repos keep it there, and transformers lets it win), otherwise
 * {@code chat_template} in {@code tokenizer_config.json}, a string or a list of {@code {name, template}}
 * of which the one named {@code "default"} is used.
 */
final class ChatTemplateReader {

    private static final Logger LOG = LoggerFactory.getLogger(ChatTemplateReader.class);
    private static final String DEFAULT_NAME = "default";

    private ChatTemplateReader() {
    }

    static Optional<String> read(Path modelDir) {
        Path jinjaFile = modelDir.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinjaFile)) {
            try {
                return Optional.of(Files.readString(jinjaFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ModelFormatException("Cannot read " + jinjaFile + " (" + e.getMessage()
                        + "): replace it with the chat_template.jinja from the model's Hugging Face repo", e);
            }
        }
        Path configFile = modelDir.resolve("tokenizer_config.json");
        return ModelJson.readIfPresent(configFile).flatMap(config -> fromConfig(config.path("chat_template"), configFile));
    }

    private static Optional<String> fromConfig(JsonNode template, Path configFile) {
        if (template.isTextual()) {
            return Optional.of(template.textValue());
        }
        if (template.isArray()) {
            for (JsonNode named : template) {
                if (DEFAULT_NAME.equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return Optional.of(named.path("template").textValue());
                }
            }
            LOG.warn("{}: chat_template lists no template named \"default\"; the model has no chat template", configFile);
            return Optional.empty();
        }
        if (!template.isMissingNode() && !template.isNull()) {
            throw new ModelFormatException(configFile + ": chat_template must be a string or a list of {name, template},"
                    + " was " + template.getNodeType() + "; use the file from the model's Hugging Face repo");
        }
        return Optional.empty();
    }
}
