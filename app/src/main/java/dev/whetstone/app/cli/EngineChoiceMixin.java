package dev.whetstone.app.cli;

import dev.whetstone.app.engine.ChosenEngine;
import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.app.engine.EngineKind;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.spi.RemoteEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|process|URL} and {@code --api-key-file FILE}: which engine a command trains or samples
 * with. {@code local} (the default) is the engine in this process; {@code process} a {@code whetstone serve} child
 * that is restarted if it dies, the run resuming from its last checkpoint; a URL a remote {@code whetstone serve} or
 * hosted Tinker, with the key from the file or {@code TINKER_API_KEY}.
 */
final class EngineChoiceMixin {
    @Option(names = "--engine", paramLabel = "local|process|URL", defaultValue = "local",
            description = "local (in this process, the default), process (a child engine process, restarted if it dies: "
                    + "the run resumes from its last checkpoint), or the URL of a `whetstone serve` or hosted Tinker.")
    String engine;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "A remote engine's API key (its first line); default: $TINKER_API_KEY.")
    Path apiKeyFile;

    /** The chosen engine, open and ready; bad flags are {@link IllegalArgumentException}s (exit 2). */
    ServiceClient open(EngineOptions options) {
        return open(options, System.getenv());
    }

    ServiceClient open(EngineOptions options, Map<String, String> env) {
        EngineChoice choice = EngineChoice.parse(engine);
        if (choice.kind() == EngineKind.IN_PROCESS) {
            return ServiceClient.local(options);
        }
        ChosenEngine chosen = ChosenEngine.open(choice, apiKey(choice, env), options, env);
        try {
            chosen.ready().join();
        } catch (CompletionException e) {
            chosen.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return chosen;
    }

    private String apiKey(EngineChoice choice, Map<String, String> env) {
        if (choice.kind() != EngineKind.REMOTE) {
            return null;
        }
        if (apiKeyFile != null) {
            try {
                List<String> lines = Files.readAllLines(apiKeyFile);
                if (lines.isEmpty() || lines.get(0).isBlank()) {
                    throw new IllegalArgumentException("--api-key-file " + apiKeyFile + " is empty; put the key (tml-...) on its "
                            + "first line");
                }
                return lines.get(0).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --api-key-file " + apiKeyFile + " (" + e.getMessage()
                        + "); give a file whose first line is the key", e);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read --api-key-file " + apiKeyFile + "; give a text file", e);
            }
        }
        String key = env.get(RemoteEngines.API_KEY_ENV);
        return key == null || key.isBlank() ? null : key.strip();
    }
}
