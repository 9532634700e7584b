package dev.whetstone.app.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's settings file, {@code <engine home>/app/settings.json}: read once at start, rewritten
 * (atomically, via a temporary file) on every change. A missing or unreadable file means the defaults;
 * a failed write is logged and the app carries on with the settings in memory.
 *
 * <p>Example: {@code SettingsFile.under(home).update(s -> s.withLastPlace("MODELS"));}
 */
public final class SettingsFile {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private AppSettings current;

    /** The settings stored in {@code file}, or the defaults if it is missing or unreadable. */
    public SettingsFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        this.current = load();
    }

    /** The settings file of the engine home {@code home}: {@code home/app/settings.json}. */
    public static SettingsFile under(Path engineHome) {
        return new SettingsFile(engineHome.resolve("app").resolve("settings.json"));
    }

    /** Where the settings are stored. */
    public Path path() {
        return file;
    }

    /** The settings now. */
    public synchronized AppSettings current() {
        return current;
    }

    /** Changes the settings and writes them: {@code update(s -> s.withWindowSize(w, h))}. */
    public synchronized AppSettings update(UnaryOperator<AppSettings> change) {
        AppSettings next = Objects.requireNonNull(change.apply(current), "changed settings");
        if (!next.equals(current)) {
            current = next;
            write(next);
        }
        return next;
    }

    private AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return AppSettings.defaults();
        }
        try {
            return json.readValue(file.toFile(), AppSettings.class);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the app settings {}; starting with the defaults", file, e);
            return AppSettings.defaults();
        }
    }

    private void write(AppSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temp.toFile(), settings);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not write the app settings {}; they stay in memory for this session", file, e);
        }
    }
}
