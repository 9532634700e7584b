package dev.whetstone.app.about;

import dev.whetstone.app.install.InstalledApp;
import dev.whetstone.app.install.LibtorchChoice;
import dev.whetstone.app.logging.FileLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code whetstone --version} prints and the About dialog shows: the build's version, the Java runtime,
 * the libtorch in use and the folders a user looks for. Gathering them loads no native library.
 *
 * <p>{@code AboutFacts.of(EngineOptions.defaultHome()).lines().forEach(System.out::println)}
 *
 * @param build      the build's versions
 * @param java       the Java runtime, e.g. {@code "17.0.15 (Debian), /opt/whetstone/lib/runtime"}
 * @param libtorch   the libtorch in use, in words ({@link LibtorchChoice#description()})
 * @param engineHome the engine home
 * @param launcher   the installed app's launcher; empty when running from a build
 */
public record AboutFacts(BuildInfo build, String java, String libtorch, Path engineHome, Optional<Path> launcher) {

    public AboutFacts {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(libtorch, "libtorch");
        Objects.requireNonNull(engineHome, "engineHome");
        Objects.requireNonNull(launcher, "launcher");
    }

    /** The facts of this process for the engine home {@code home}. */
    public static AboutFacts of(Path home) {
        return new AboutFacts(BuildInfo.current(), Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("java.home"), LibtorchChoice.current().description(), home,
                InstalledApp.current().map(InstalledApp::launcher));
    }

    /** The folder of the log files. */
    public Path logFolder() {
        return FileLog.folder(engineHome);
    }

    /** One fact a line, the first {@code "whetstone VERSION"}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("whetstone " + build.version());
        lines.add("java:        " + java);
        lines.add("libtorch:    " + libtorch);
        lines.add("engine home: " + engineHome);
        lines.add("logs:        " + logFolder());
        launcher.ifPresent(path -> lines.add("launcher:    " + path));
        return lines;
    }
}
