package dev.whetstone.app.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Show in folder": opens a folder (a run's, a checkpoint's, the engine home) in the system's file manager:
 * Explorer on Windows, Finder on macOS, {@code xdg-open} elsewhere. {@code WHETSTONE_FILE_MANAGER}, when set,
 * names the program to use instead (it gets the folder as its one argument). The program starts on a
 * worker; the answer says what happened, in words for the window.
 *
 * <p>Example: {@code showInFolder.open(home.resolve("runs/r1")).thenAccept(outcome -> say(outcome.text()))}
 */
public final class ShowInFolder {
    public static final String OVERRIDE = "WHETSTONE_FILE_MANAGER";
    private static final Logger LOG = LoggerFactory.getLogger(ShowInFolder.class);

    private final Map<String, String> env;
    private final String os;
    private final Executor worker;

    /** Finds programs on {@code env}'s {@code PATH}; {@code osName} as {@code System.getProperty("os.name")}. */
    public ShowInFolder(Map<String, String> env, String osName, Executor worker) {
        this.env = Map.copyOf(env);
        this.os = osName.toLowerCase(Locale.ROOT);
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** What happened: whether the file manager started, and a sentence for the window. */
    public record Outcome(boolean opened, String text) {
    }

    /** Opens {@code folder}; completes when the program has started or failed to. */
    public CompletableFuture<Outcome> open(Path folder) {
        return CompletableFuture.supplyAsync(() -> start(folder), worker);
    }

    /** The command that opens {@code folder}, or empty when this system has no file manager Whetstone knows. */
    public Optional<List<String>> command(Path folder) {
        String chosen = env.get(OVERRIDE);
        String target = folder.toAbsolutePath().toString();
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(List.of(chosen.strip(), target));
        }
        if (os.contains("win")) {
            return Optional.of(List.of("explorer.exe", target));
        }
        if (os.contains("mac")) {
            return Optional.of(List.of("open", target));
        }
        return CommandOnPath.find(env, "xdg-open").map(p -> List.of(p.toString(), target));
    }

    private Outcome start(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new Outcome(false, "The folder " + folder + " does not exist (any more).");
        }
        Optional<List<String>> command = command(folder);
        if (command.isEmpty()) {
            return new Outcome(false, "No file manager found (xdg-open is not on PATH; set " + OVERRIDE
                    + " to one). The folder is " + folder);
        }
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command.get())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            return new Outcome(true, "Opened " + folder + " in the file manager.");
        } catch (IOException e) {
            LOG.warn("Could not start {}", command.get(), e);
            return new Outcome(false, "Could not open the file manager (" + e.getMessage() + "). The folder is " + folder);
        }
    }
}
