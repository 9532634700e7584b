package dev.whetstone.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The non-weight files of a Hugging Face model folder, carried over when the engine writes a new model
 * folder (a merged adapter, a full fine-tuning checkpoint): {@code config.json} and the tokenizer files.
 */
public final class ModelFolderFiles {
    /** Tokenizer and generation files copied as they are, when present. */
    public static final List<String> COPIED = List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "generation_config.json", "chat_template.jinja", "vocab.json", "merges.txt", "tokenizer.model", "added_tokens.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFolderFiles() {
    }

    /**
     * Writes {@code target/config.json} from {@code source}'s with {@code torch_dtype: float32} (the engine
     * writes F32) and, when {@code untie}, {@code tie_word_embeddings: false}; copies the tokenizer files.
     */
    public static void copy(Path source, Path target, boolean untie) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(source.resolve("config.json").toFile());
        config.put("torch_dtype", "float32");
        if (untie) {
            config.put("tie_word_embeddings", false);
        }
        JSON.writeValue(target.resolve("config.json").toFile(), config);
        for (String name : COPIED) {
            if (Files.isRegularFile(source.resolve(name))) {
                Files.copy(source.resolve(name), target.resolve(name));
            }
        }
    }
}
