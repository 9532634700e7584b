package dev.whetstone.engine.server;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.wire.json.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The {@code user_metadata} a client gave create_model, kept beside the run's checkpoints as
 * {@code runs/<run-id>/user_metadata.json} so the REST routes list it with the run.
 */
final class RunUserMetadata {
    static final String FILE = "user_metadata.json";

    private RunUserMetadata() {
    }

    static void write(Path home, String runId, Map<String, Object> metadata) {
        if (metadata.isEmpty()) {
            return;
        }
        Path file = home.resolve("runs").resolve(TinkerPath.requireValidName("run id", runId)).resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, WireJson.write(metadata));
        } catch (IOException e) {
            LoggerFactory.getLogger(RunUserMetadata.class).warn("could not keep the user metadata of {} in {}", runId, file, e);
        }
    }

    /** The run's metadata as strings (Tinker lists {@code dict[str, str]}), or null when it has none. */
    static Map<String, String> read(Path home, String runId) {
        Path file = home.resolve("runs").resolve(runId).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Object> raw = WireJson.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
            Map<String, String> out = new LinkedHashMap<>();
            raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        } catch (IOException e) {
            return null;
        }
    }
}
