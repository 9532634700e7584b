package dev.whetstone.app.models;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Finds model folders: the ones the user added, snapshots in the Hugging Face hub cache
 * ({@code models--Org--Name/snapshots/<revision>/config.json}) and the engine home's {@code models/}
 * ({@code Org--Name} or {@code Name}). Reading blocks on disk, so it runs off the FX thread.
 *
 * <p>Example: {@code new ModelFolders(home, HubCache.folder(env, userHome)).scan(added, p -> {})}
 */
public final class ModelFolders {
    private final Path engineModels;
    private final Path hubCache;

    /** Scans {@code engineHome/models} and {@code hubCache}. */
    public ModelFolders(Path engineHome, Path hubCache) {
        this.engineModels = Objects.requireNonNull(engineHome, "engineHome").resolve("models");
        this.hubCache = Objects.requireNonNull(hubCache, "hubCache");
    }

    /** The hub cache folder scanned. */
    public Path hubCache() {
        return hubCache;
    }

    /** The engine home's model folder scanned. */
    public Path engineModels() {
        return engineModels;
    }

    /**
     * Every model found, in order: {@code added} folders, the hub cache, the engine home; each read, with
     * {@code progress} told the fraction done (0 to 1) after each.
     */
    public List<ModelEntry> scan(List<Path> added, DoubleConsumer progress) {
        List<ModelEntry> found = new ArrayList<>();
        for (Path folder : added) {
            found.add(unread(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(),
                    folder, ModelSource.LOCAL_FOLDER));
        }
        for (Path repo : children(hubCache)) {
            String dir = repo.getFileName().toString();
            if (dir.startsWith("models--")) {
                String repoId = dir.substring("models--".length()).replaceFirst("--", "/");
                for (Path snapshot : children(repo.resolve("snapshots"))) {
                    if (Files.isRegularFile(snapshot.resolve("config.json"))) {
                        found.add(unread(repoId, snapshot, ModelSource.HF_CACHE));
                    }
                }
            }
        }
        for (Path folder : children(engineModels)) {
            if (Files.isRegularFile(folder.resolve("config.json"))) {
                found.add(unread(folder.getFileName().toString().replaceFirst("--", "/"), folder, ModelSource.ENGINE_HOME));
            }
        }
        List<ModelEntry> read = new ArrayList<>(found.size());
        for (ModelEntry entry : found) {
            read.add(ModelEntry.read(entry.name(), entry.folder(), entry.source()));
            progress.accept((double) read.size() / found.size());
        }
        progress.accept(1.0);
        return read;
    }

    /** A placeholder entry for a folder not read yet. */
    private static ModelEntry unread(String name, Path folder, ModelSource source) {
        return new ModelEntry(name, folder, source, null, "not read yet");
    }

    /** The sub-folders of {@code dir}, sorted by name; none if it does not exist or cannot be read. */
    private static List<Path> children(Path dir) {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(children::add);
        } catch (IOException e) {
            return children;
        }
        children.sort(null);
        return children;
    }
}
