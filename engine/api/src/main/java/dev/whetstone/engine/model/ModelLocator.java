package dev.whetstone.engine.model;

import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the folder of a base model given as a folder path or as a Hugging Face repo id
 * ({@code Org/Name}). A repo id is looked up in the Hugging Face hub cache (where
 * {@code huggingface-cli download} puts it: {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}) and in Whetstone's own
 * {@code <home>/models/Org--Name} and {@code <home>/models/Name}.
 *
 * <p>Example: {@code Path dir = ModelLocator.resolve("Qwen/Qwen3-0.6B", home);}
 */
public final class ModelLocator {

    static final String CONFIG = "config.json";

    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

    private ModelLocator() {
    }

    /**
     * The model folder (holding {@code config.json}) for {@code baseModel}, with this process's
     * environment and home.
     *
     * @throws ModelFormatException listing where it looked and how to fix it
     */
    public static Path resolve(String baseModel, Path engineHome) {
        return resolve(baseModel, engineHome, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@link #resolve(String, Path)} with an explicit environment and user home, for tests. */
    public static Path resolve(String baseModel, Path engineHome, Map<String, String> env, Path userHome) {
        if (baseModel == null || baseModel.isBlank()) {
            throw new ModelFormatException("no base model given; pass a model folder or a Hugging Face repo id"
                    + " such as Qwen/Qwen3-0.6B");
        }
        Optional<Path> asPath = asPath(baseModel);
        if (asPath.isPresent() && Files.isDirectory(asPath.get())) {
            Path dir = asPath.get();
            if (!Files.isRegularFile(dir.resolve(CONFIG))) {
                throw new ModelFormatException(dir + " has no " + CONFIG + "; pass the folder of a Hugging Face"
                        + " model (the one holding config.json and *.safetensors)");
            }
            return dir;
        }
        if (!REPO_ID.matcher(baseModel).matches() || baseModel.contains("..")) {
            throw new ModelFormatException("model folder " + baseModel + " does not exist; pass an existing"
                    + " folder or a Hugging Face repo id such as Qwen/Qwen3-0.6B");
        }
        return findRepo(baseModel, engineHome, env, userHome);
    }

    private static Path findRepo(String repoId, Path engineHome, Map<String, String> env, Path userHome) {
        String org = repoId.substring(0, repoId.indexOf('/'));
        String name = repoId.substring(repoId.indexOf('/') + 1);
        List<String> looked = new ArrayList<>();

        Path repoCache = hubCache(env, userHome).resolve("models--" + org + "--" + name);
        Optional<Path> snapshot = snapshot(repoCache);
        looked.add(repoCache.resolve("snapshots") + "/<revision>" + snapshot.map(s -> " (tried " + s + ")").orElse(""));
        if (snapshot.isPresent() && Files.isRegularFile(snapshot.get().resolve(CONFIG))) {
            return snapshot.get();
        }
        Path models = engineHome.resolve("models");
        for (Path candidate : List.of(models.resolve(org + "--" + name), models.resolve(name))) {
            looked.add(candidate.toString());
            if (Files.isRegularFile(candidate.resolve(CONFIG))) {
                return candidate;
            }
        }
        throw new ModelFormatException("model " + repoId + " was not found; looked for a folder with "
                + CONFIG + " in: " + String.join(", ", looked) + ". Download it with `whetstone pull " + repoId
                + "` (or the app's Models → Download…), or pass the model's folder instead");
    }

    /**
     * The hub cache folder, as {@code huggingface_hub} chooses it: {@code $HF_HUB_CACHE}, else the legacy
     * {@code $HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub},
     * else {@code ~/.cache/huggingface/hub}. A leading {@code ~} in a variable is the user's home.
     */
    public static Path hubCache(Map<String, String> env, Path userHome) {
        for (String name : new String[] {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"}) {
            String hubCache = env.get(name);
            if (hubCache != null && !hubCache.isBlank()) {
                return expandHome(hubCache.strip(), userHome);
            }
        }
        return huggingFaceHome(env, userHome).resolve("hub");
    }

    /**
     * The Hugging Face home ({@code huggingface_hub}'s {@code HF_HOME}, which also holds the login token):
     * {@code $HF_HOME}, else {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}.
     */
    public static Path huggingFaceHome(Map<String, String> env, Path userHome) {
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return expandHome(hfHome.strip(), userHome);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? expandHome(xdg.strip(), userHome) : userHome.resolve(".cache");
        return cache.resolve("huggingface");
    }

    /** {@code ~/x} as {@code userHome/x}, as the shell and {@code os.path.expanduser} do; other paths as they are. */
    public static Path expandHome(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/") || path.startsWith("~" + java.io.File.separator)) {
            return userHome.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    /** The snapshot named by {@code refs/main}, else the most recently modified one. */
    private static Optional<Path> snapshot(Path repoCache) {
        Path snapshots = repoCache.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        try {
            Path ref = repoCache.resolve("refs").resolve("main");
            if (Files.isRegularFile(ref)) {
                Path named = snapshots.resolve(Files.readString(ref).trim());
                if (Files.isDirectory(named)) {
                    return Optional.of(named);
                }
            }
            try (Stream<Path> revisions = Files.list(snapshots)) {
                return revisions.filter(Files::isDirectory)
                        .max(Comparator.comparing(ModelLocator::modified));
            }
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Optional<Path> asPath(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
