package dev.whetstone.engine.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of a golden adapter folder whose {@code base_model_name_or_path} points at the golden model folder. */
final class GoldenAdapterFolder {
    private GoldenAdapterFolder() {
    }

    static Path withBaseModel(GoldenCase golden, Path target) {
        try {
            Files.createDirectories(target);
            Files.copy(golden.adapter().resolve("adapter_model.safetensors"), target.resolve("adapter_model.safetensors"));
            ObjectMapper json = new ObjectMapper();
            ObjectNode config = (ObjectNode) json.readTree(golden.adapter().resolve("adapter_config.json").toFile());
            config.put("base_model_name_or_path", golden.model().toAbsolutePath().toString());
            json.writeValue(target.resolve("adapter_config.json").toFile(), config);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
