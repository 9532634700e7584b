package dev.whetstone.app.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The app as an installer laid it out: the launcher that started this process, and the native libraries
 * unpacked beside the jars ({@code native/}, described by its {@code natives.properties}), so that nothing is
 * extracted on first start. Absent when the app runs from a build ({@code java -jar app/target/whetstone.jar}).
 *
 * <p>The launcher's options carry both: jpackage sets {@code jpackage.app-path}, the installers' recipe sets
 * {@code -Dwhetstone.natives=$APPDIR/native}.
 *
 * @param launcher        the launcher executable, e.g. {@code /opt/whetstone/bin/whetstone}
 * @param nativeFolder    the folder of the unpacked native libraries
 * @param libtorchVersion the bundled libtorch's version, e.g. {@code 2.7.1}
 * @param libtorchFlavor  its build, e.g. {@code cpu}
 * @param libtorchFolder  the folder holding libtorch and DJL's bridge to it
 * @param tokenizersFolder the folder holding the Hugging Face tokenizers library
 * @param jnaFolder       the folder holding JNA's native library
 */
public record InstalledApp(Path launcher, Path nativeFolder, String libtorchVersion, String libtorchFlavor,
                           Path libtorchFolder, Path tokenizersFolder, Path jnaFolder) {
    /** The system property naming the native folder. */
    public static final String NATIVES_PROPERTY = "whetstone.natives";
    /** The system property jpackage's launcher sets to its own path. */
    public static final String LAUNCHER_PROPERTY = "jpackage.app-path";
    static final String DESCRIPTION = "natives.properties";

    public InstalledApp {
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(nativeFolder, "nativeFolder");
        Objects.requireNonNull(libtorchVersion, "libtorchVersion");
        Objects.requireNonNull(libtorchFlavor, "libtorchFlavor");
        Objects.requireNonNull(libtorchFolder, "libtorchFolder");
        Objects.requireNonNull(tokenizersFolder, "tokenizersFolder");
        Objects.requireNonNull(jnaFolder, "jnaFolder");
    }

    /** This process's installed app, or empty when it runs from a build. */
    public static Optional<InstalledApp> current() {
        return find(System.getProperty(LAUNCHER_PROPERTY), System.getProperty(NATIVES_PROPERTY));
    }

    /** The installed app for a launcher path and a native folder (either null: none). */
    static Optional<InstalledApp> find(String launcher, String nativeFolder) {
        if (launcher == null || launcher.isBlank() || nativeFolder == null || nativeFolder.isBlank()) {
            return Optional.empty();
        }
        Path folder = Path.of(nativeFolder);
        Path description = folder.resolve(DESCRIPTION);
        if (!Files.isRegularFile(description)) {
            return Optional.empty();
        }
        Properties natives = new Properties();
        try (InputStream in = Files.newInputStream(description)) {
            natives.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + description + "; reinstall the app", e);
        }
        return Optional.of(new InstalledApp(Path.of(launcher), folder, required(natives, "libtorch.version", description),
                required(natives, "libtorch.flavor", description),
                folder.resolve(required(natives, "libtorch.folder", description)),
                folder.resolve(required(natives, "tokenizers.folder", description)),
                folder.resolve(required(natives, "jna.folder", description))));
    }

    /**
     * The system properties that make the libraries other than libtorch load from the native folder instead
     * of being extracted under the user's home: the Hugging Face tokenizers, and JNA's dispatch library.
     */
    public Map<String, String> nativeProperties() {
        // the library file, not its folder: DJL 0.36 fails on a folder (its CUDA-architecture lookup returns null)
        return Map.of("RUST_LIBRARY_PATH", tokenizersFolder.resolve(System.mapLibraryName("tokenizers")).toString(),
                "jna.boot.library.path", jnaFolder.toString(), "jna.nounpack", "true");
    }

    /** The folder the app's jars are in (jpackage's {@code $APPDIR}). */
    public Path appFolder() {
        return nativeFolder.getParent();
    }

    private static String required(Properties natives, String key, Path description) {
        String value = natives.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(description + " has no '" + key + "'; reinstall the app");
        }
        return value.strip();
    }
}
