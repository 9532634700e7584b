package dev.whetstone.app.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dataset library: the JSONL files under {@code <home>/datasets/}, where imports are saved. Blocks
 * on disk.
 *
 * <p>Example: {@code new DatasetLibrary(home).list()}
 */
public final class DatasetLibrary {
    private final Path folder;

    /** The library of the engine home {@code home}. */
    public DatasetLibrary(Path home) {
        this.folder = home.resolve("datasets");
    }

    /** The folder the library lives in. */
    public Path folder() {
        return folder;
    }

    /** The library's datasets by name; empty when the folder does not exist yet. */
    public List<Path> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(DatasetLibrary::isDataset)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Where an import named {@code fileName} goes: a free name in the library ({@code qa-2.jsonl} if taken). */
    public Path freeName(String fileName) {
        Path target = folder.resolve(fileName);
        String stem = fileName.endsWith(".jsonl") ? fileName.substring(0, fileName.length() - 6) : fileName;
        for (int n = 2; Files.exists(target); n++) {
            target = folder.resolve(stem + "-" + n + ".jsonl");
        }
        return target;
    }

    private static boolean isDataset(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") || name.endsWith(".csv") || name.endsWith(".txt");
    }
}
