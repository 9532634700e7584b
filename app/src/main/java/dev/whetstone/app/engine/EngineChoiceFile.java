package dev.whetstone.app.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.whetstone.engine.spi.RemoteEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine the app remembers, {@code <engine home>/app/engine.json} ({@code {"kind": "REMOTE", "remoteUrl":
 * "http://gpu-box:8000"}}), and the remote engine's API key beside it in {@code remote-api-key}, readable by its
 * owner only. A missing or unreadable file means {@link #DEFAULT}; with no key saved, {@code TINKER_API_KEY} is used.
 *
 * <p>{@code EngineChoiceFile.under(home).save(EngineChoice.remote("http://gpu-box:8000"), "tml-...")}
 */
public final class EngineChoiceFile {
    /**
     * The engine of a first start: in this process, until the engine process's overhead is measured within target
     * (BENCHMARKS.md, "Engine process").
     */
    public static final EngineChoice DEFAULT = EngineChoice.inProcess();
    private static final Logger LOG = LoggerFactory.getLogger(EngineChoiceFile.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Path keyFile;

    private EngineChoiceFile(Path dir) {
        this.file = dir.resolve("engine.json");
        this.keyFile = dir.resolve("remote-api-key");
    }

    /** The files under {@code home/app/}. */
    public static EngineChoiceFile under(Path engineHome) {
        return new EngineChoiceFile(engineHome.resolve("app"));
    }

    /** The remembered choice, or {@link #DEFAULT}. */
    public EngineChoice choice() {
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        try {
            return JSON.readValue(file.toFile(), EngineChoice.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the engine setting {}; using {}", file, DEFAULT.label(), e);
            return DEFAULT;
        }
    }

    /** The saved remote API key, else {@code env}'s {@code TINKER_API_KEY}, else null. */
    public String apiKey(Map<String, String> env) {
        String saved = savedKey();
        if (saved != null) {
            return saved;
        }
        String fromEnv = env.get(RemoteEngines.API_KEY_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    /** The key saved in Settings, or null. */
    public String savedKey() {
        try {
            if (!Files.isRegularFile(keyFile)) {
                return null;
            }
            String key = Files.readString(keyFile).strip();
            return key.isEmpty() ? null : key;
        } catch (IOException e) {
            LOG.warn("Could not read the remote API key {}", keyFile, e);
            return null;
        }
    }

    /** Remembers {@code choice} and the key ({@code null} or blank: none saved, so {@code TINKER_API_KEY} applies). */
    public void save(EngineChoice choice, String apiKey) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temp.toFile(), choice);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (apiKey == null || apiKey.isBlank()) {
                Files.deleteIfExists(keyFile);
            } else {
                writePrivately(apiKey.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the engine setting in " + file.getParent(), e);
        }
    }

    private void writePrivately(String key) throws IOException {
        Path temp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, key + "\n");
        Files.move(temp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
