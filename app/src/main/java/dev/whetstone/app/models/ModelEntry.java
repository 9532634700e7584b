package dev.whetstone.app.models;

import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One model in the Models pane: its name, folder and source, and either its {@link ModelConfig} or the
 * problem that keeps it from loading (a message that names the fix).
 *
 * <p>Example: {@code ModelEntry e = ModelEntry.read("tiny", dir, ModelSource.LOCAL_FOLDER); e.usable()}
 *
 * @param name    what the list shows: a repo id ({@code Qwen/Qwen3-0.6B}) or the folder's name
 * @param folder  the model folder (holding {@code config.json})
 * @param source  where it was found
 * @param config  the parsed config, or {@code null} if the folder has a problem
 * @param problem why it cannot be used, or {@code null} when {@code config} is set
 */
public record ModelEntry(String name, Path folder, ModelSource source, ModelConfig config, String problem) {

    private static final String FIX = "choose the folder of a Hugging Face model (the one holding config.json"
            + " and *.safetensors)";

    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(source, "source");
        if ((config == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of config and problem must be set, were " + config
                    + " and " + problem);
        }
    }

    /** What a run names as its base model: the folder, or for a model of a remote engine the name it offers it by. */
    public String baseModel() {
        return source == ModelSource.REMOTE_ENGINE ? name : folder.toString();
    }

    /**
     * A model a remote engine offers as {@code name}: usable when its {@code config.json} and tokenizer are on this
     * machine ({@code localFolder}, or null when they are not), since the wizard renders and tokenizes here; its
     * weights stay on the engine.
     */
    public static ModelEntry offered(String name, Path localFolder) {
        if (localFolder == null || !Files.isRegularFile(localFolder.resolve("tokenizer.json"))) {
            return broken(name, localFolder != null ? localFolder : Path.of(name), ModelSource.REMOTE_ENGINE, "the remote engine offers "
                    + name + ", but its tokenizer is not on this machine (Whetstone tokenizes here); fetch it with "
                    + "`huggingface-cli download " + name + " --include config.json 'tokenizer*'`");
        }
        try {
            return new ModelEntry(name, localFolder, ModelSource.REMOTE_ENGINE, ModelConfig.read(localFolder.resolve("config.json")), null);
        } catch (WorkbenchException | IllegalArgumentException e) {
            return broken(name, localFolder, ModelSource.REMOTE_ENGINE, e.getMessage());
        }
    }

    /** Whether the model can be trained: its config was read and its weights are there. */
    public boolean usable() {
        return config != null;
    }

    /** Reads {@code folder}: its {@code config.json} and whether it has safetensors weights. Blocks on disk. */
    public static ModelEntry read(String name, Path folder, ModelSource source) {
        if (!Files.isDirectory(folder)) {
            return broken(name, folder, source, folder + " is not a folder; " + FIX);
        }
        Path configJson = folder.resolve("config.json");
        if (!Files.isRegularFile(configJson)) {
            return broken(name, folder, source, folder + " has no config.json; " + FIX);
        }
        ModelConfig config;
        try {
            config = ModelConfig.read(configJson);
        } catch (WorkbenchException | IllegalArgumentException e) {
            return broken(name, folder, source, e.getMessage());
        }
        if (!hasSafetensors(folder)) {
            return broken(name, folder, source, folder + " has no *.safetensors weights; Whetstone reads safetensors"
                    + " only: download the model again with Download… (it fetches the safetensors weights), or pick a repo that has them");
        }
        return new ModelEntry(name, folder, source, config, null);
    }

    private static ModelEntry broken(String name, Path folder, ModelSource source, String problem) {
        return new ModelEntry(name, folder, source, null, problem);
    }

    private static boolean hasSafetensors(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(f));
        } catch (IOException e) {
            return false;
        }
    }
}
