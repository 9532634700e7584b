package dev.whetstone.app.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What the build wrote into {@code build.properties}: the app's version and the versions it was built with.
 *
 * <p>{@code BuildInfo.current().version()} is {@code "0.1.0-SNAPSHOT"} for a build of {@code 0.1.0-SNAPSHOT}.
 *
 * @param version         the app's version (the Maven project version)
 * @param libtorchVersion the libtorch version the engine is built against
 * @param djlVersion      the DJL version
 * @param javafxVersion   the JavaFX version
 */
public record BuildInfo(String version, String libtorchVersion, String djlVersion, String javafxVersion) {
    private static final String RESOURCE = "/dev/whetstone/app/build.properties";

    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(libtorchVersion, "libtorchVersion");
        Objects.requireNonNull(djlVersion, "djlVersion");
        Objects.requireNonNull(javafxVersion, "javafxVersion");
    }

    /** The build this class came from. */
    public static BuildInfo current() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: rebuild with Maven");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        return new BuildInfo(build.getProperty("version", "unknown"), build.getProperty("libtorch.version", "unknown"),
                build.getProperty("djl.version", "unknown"), build.getProperty("javafx.version", "unknown"));
    }
}
