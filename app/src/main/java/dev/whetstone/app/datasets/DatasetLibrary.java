package dev.whetstone.app.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dataset library: the dataset files under {@code <home>/datasets/}, where imports are saved, and in its
 * folders up to {@value #DEPTH} deep, where installed datasets live (the starter's skills are
 * {@code whetstone-starter/<skill>/train.jsonl} and {@code heldout.jsonl}). Blocks on disk.
 *
 * <p>Example: {@code new DatasetLibrary(home).list()}
 */
public final class DatasetLibrary {
    /** How deep the library looks: {@code datasets/<publisher>/<dataset>/<file>}. */
    static final int DEPTH = 3;

    private final Path folder;

    /** The library of the engine home {@code home}. */
    public DatasetLibrary(Path home) {
        this.folder = home.resolve("datasets");
    }

    /** The folder the library lives in. */
    public Path folder() {
        return folder;
    }

    /**
     * The library's datasets, sorted by {@link #name}: imports first come by file name, installed ones by their
     * folder; hidden files (half-written copies) are left out. Empty when the folder does not exist yet.
     */
    public List<Path> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, DEPTH)) {
            return files.filter(Files::isRegularFile).filter(DatasetLibrary::isDataset)
                    .filter(p -> !isHidden(folder.relativize(p)))
                    .sorted(Comparator.comparing((Path p) -> p.getParent().equals(folder) ? 0 : 1).thenComparing(this::name))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** How the library names {@code file}: its path under the library with {@code /} ({@code whetstone-starter/word-kind/train.jsonl}), or the file name for a file elsewhere. */
    public String name(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = folder.toAbsolutePath().normalize();
        if (!absolute.startsWith(root) || absolute.equals(root)) {
            return String.valueOf(file.getFileName());
        }
        return root.relativize(absolute).toString().replace(java.io.File.separatorChar, '/');
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

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDataset(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") || name.endsWith(".csv") || name.endsWith(".txt");
    }
}
