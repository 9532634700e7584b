package dev.whetstone.engine.checkpoint;

import dev.whetstone.engine.WorkbenchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Exports a checkpoint's adapter: as a PEFT folder ({@code PeftModel.from_pretrained} loads it) or as a
 * Tinker-style tar ({@code adapter_model.safetensors}, {@code adapter_config.json}, {@code checkpoint_complete}).
 */
final class CheckpointExport {
    static final List<String> ADAPTER_FILES = List.of("adapter_model.safetensors", "adapter_config.json");

    private CheckpointExport() {
    }

    /** Copies the adapter files into a new folder {@code target}. */
    static Path peftFolder(Path checkpoint, Path target) {
        try {
            AtomicDirectory.write(target, false, dir -> {
                for (String name : ADAPTER_FILES) {
                    Files.copy(checkpoint.resolve(name), dir.resolve(name));
                }
            });
            return target;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new WorkbenchException(target + " already exists; export into a new folder");
        } catch (IOException e) {
            throw new WorkbenchException("could not export " + checkpoint + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes the Tinker archive to {@code target} (atomically: a sibling temp file renamed into place). */
    static Path tar(Path checkpoint, Path target) {
        if (Files.exists(target)) {
            throw new WorkbenchException(target + " already exists; choose another file name");
        }
        Path temp = target.toAbsolutePath().resolveSibling(AtomicDirectory.TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp.getParent());
            try (OutputStream out = Files.newOutputStream(temp); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                for (String name : ADAPTER_FILES) {
                    TarArchiveEntry entry = new TarArchiveEntry(checkpoint.resolve(name), name);
                    tar.putArchiveEntry(entry);
                    Files.copy(checkpoint.resolve(name), tar);
                    tar.closeArchiveEntry();
                }
                TarArchiveEntry marker = new TarArchiveEntry(LocalCheckpointStore.COMPLETE_MARKER);
                marker.setSize(0);
                tar.putArchiveEntry(marker);
                tar.closeArchiveEntry();
                tar.finish();
            }
            AtomicDirectory.fsync(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new WorkbenchException("could not write " + target + ": " + e.getMessage(), e);
        }
    }
}
