package dev.whetstone.engine.server;

import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.wire.json.SessionMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The base models this engine can load, as {@code get_server_capabilities} lists them: every model in the Hugging
 * Face cache ({@code models--Org--Name}) and in the engine's model store whose architecture the engine runs, named
 * as Tinker users name them ({@code Qwen/Qwen3-0.6B}), with its context length.
 */
final class ServableModels {
    private final Path home;
    private final Map<String, String> env;
    private final Path userHome;

    ServableModels(Path home, Map<String, String> env, Path userHome) {
        this.home = home;
        this.env = env;
        this.userHome = userHome;
    }

    List<SessionMessages.SupportedModel> list() {
        Map<String, Integer> found = new TreeMap<>();
        for (Path repo : children(ModelLocator.hubCache(env, userHome))) {
            String name = repo.getFileName().toString();
            if (name.startsWith("models--")) {
                String repoId = name.substring("models--".length()).replace("--", "/");
                context(repoId).ifPresent(n -> found.put(repoId, n));
            }
        }
        for (Path folder : children(home.resolve("models"))) {
            String name = folder.getFileName().toString().replace("--", "/");
            context(name).ifPresent(n -> found.putIfAbsent(name, n));
        }
        List<SessionMessages.SupportedModel> out = new ArrayList<>();
        found.forEach((name, context) -> out.add(new SessionMessages.SupportedModel(name, context)));
        return out;
    }

    /** The context length of a model the engine can load, or empty when it cannot. */
    private java.util.Optional<Integer> context(String name) {
        try {
            Path folder = ModelLocator.resolve(name, home, env, userHome);
            return java.util.Optional.of(ModelConfig.read(folder.resolve("config.json")).maxPositionEmbeddings());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
