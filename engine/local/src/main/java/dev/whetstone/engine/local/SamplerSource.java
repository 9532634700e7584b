package dev.whetstone.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.ModelFormatException;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.lora.PeftAdapterReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a sampling client's weights come from: a PEFT adapter folder on a base model, or the base model
 * alone ({@code tinker://} checkpoints are adapter folders resolved by the checkpoint store).
 */
final class SamplerSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamplerSource() {
    }

    /** Whether {@code path} names {@code model} itself: its name as given, or its folder. */
    static boolean isBaseModel(String path, BaseModel model) {
        if (path.equals(model.name())) {
            return true;
        }
        Path folder = Path.of(path).toAbsolutePath().normalize();
        return Files.isDirectory(folder) && folder.equals(model.folder().toAbsolutePath().normalize());
    }

    /** A sampler on {@code model} with the adapter in {@code folder}, read and checked on the device thread. */
    static LocalSamplingClient fromAdapterFolder(BaseModel model, Path folder) {
        LoraAdapter adapter = model.thread().call("loading the adapter " + folder, () ->
                LoraAdapter.of(PeftAdapterReader.read(folder, model.config()), model.manager(), model.constants()).freeze());
        return LocalSamplingClient.create(model, adapter, folder.toString());
    }

    /** The {@code base_model_name_or_path} of an adapter folder's {@code adapter_config.json}. */
    static String baseModelOf(Path folder) {
        Path config = folder.resolve("adapter_config.json");
        JsonNode json;
        try {
            json = JSON.readTree(config.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(config + " is not valid JSON (" + e.getMessage() + "); re-export the adapter", e);
        }
        JsonNode base = json.get("base_model_name_or_path");
        if (base == null || !base.isTextual() || base.asText().isBlank()) {
            throw new ModelFormatException(config + " has no 'base_model_name_or_path'; set it to the base model's folder "
                    + "or Hugging Face repo id, or sample it from a training client on that model");
        }
        return base.asText();
    }
}
