package dev.whetstone.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a dataset file for reading, or says in the user's words why it cannot be: missing, a folder, unreadable. */
final class DatasetFile {

    private DatasetFile() {
    }

    /**
     * A buffered stream of {@code file} (it supports mark and reset).
     *
     * @throws DatasetException naming the file and the fix
     */
    static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new DatasetException(file + " is a folder; pass the dataset file inside it");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DatasetException("The dataset " + file + " does not exist; check the path", e);
        } catch (AccessDeniedException e) {
            throw new DatasetException("The dataset " + file + " cannot be read (permission denied); check its permissions", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read the dataset " + file + ": " + e.getMessage(), e);
        }
    }
}
