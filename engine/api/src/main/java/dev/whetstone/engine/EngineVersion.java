package dev.whetstone.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The engine's version as the build stamped it ({@code engine-version.properties}, filtered by Maven from
 * the project version), written into every run card so a run records which engine trained it.
 *
 * <p>Example: {@code String v = EngineVersion.current();   // "0.1.0-SNAPSHOT"}
 */
public final class EngineVersion {
    private static final String RESOURCE = "engine-version.properties";
    private static final String VERSION = read();

    private EngineVersion() {
    }

    /** The version of this engine build. */
    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = EngineVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the engine jar; rebuild it with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "");
            if (version.isBlank() || version.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by the build (version=" + version
                        + "); rebuild the engine with Maven");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }
}
