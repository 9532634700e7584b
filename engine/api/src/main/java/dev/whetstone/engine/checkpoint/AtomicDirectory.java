package dev.whetstone.engine.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Makes a folder appear complete or not at all: files are written into a hidden temporary sibling,
 * each fsynced, then the folder is renamed into place atomically. A crash at any point leaves either
 * the old state or the new one, plus at most a hidden {@code .tmp-*} folder that listings ignore.
 */
public final class AtomicDirectory {
    static final String TEMP_PREFIX = ".tmp-";
    static final String TRASH_PREFIX = ".trash-";

    /** Writes the folder's files into {@code dir}. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * Creates {@code target} with {@code contents}. With {@code replace}, an existing {@code target}
     * is swapped out (moved aside, then deleted); otherwise an existing one is a FileAlreadyExistsException.
     */
    public static void write(Path target, boolean replace, Contents contents) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!replace && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = parent.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            contents.writeInto(temp);
            try (Stream<Path> files = Files.list(temp)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    fsync(file);
                }
            }
            fsync(temp);
            Path trash = null;
            if (Files.exists(target)) {
                trash = parent.resolve(TRASH_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
                move(target, trash);
            }
            move(temp, target);
            fsync(parent);
            if (trash != null) {
                deleteTree(trash);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
    }

    /** Replaces one file atomically (write a sibling, fsync, rename). */
    public static void replaceFile(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(TEMP_PREFIX + file.getFileName() + "-" + UUID.randomUUID());
        Files.write(temp, content);
        fsync(temp);
        move(temp, file);
        fsync(file.toAbsolutePath().getParent());
    }

    /** Deletes a folder and everything in it; missing is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    throw new IOException("could not delete " + p + ": it changed while being deleted", e);
                }
            }
        }
    }

    /** Whether a folder name belongs to an unfinished write or a pending deletion. */
    public static boolean isScratch(Path dir) {
        String name = dir.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) || name.startsWith(TRASH_PREFIX);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system under " + to.getParent() + " cannot rename atomically; put the engine home"
                    + " on a local disk", e);
        }
    }

    static void fsync(Path path) {
        try (FileChannel channel = Files.isDirectory(path)
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw new UncheckedIOException("could not flush " + path + " to disk", e);
            }
            // some file systems cannot fsync a directory; the rename is still atomic there
        }
    }
}
