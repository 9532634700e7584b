package dev.whetstone.engine.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of one run under the engine home's {@code runs/}: its name checked, and never a symbolic link (a
 * {@code runs/<id>} that links to a folder elsewhere is refused, so the engine writes nothing outside its home
 * through it). A {@code runs/} that is itself a link, to another disk say, is fine.
 *
 * <p>{@code Path dir = RunDirectory.of(home.resolve("runs"), "sft-20250101-120000-ab12")}
 */
public final class RunDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
    private static final String[] CHECKPOINT_FOLDERS = {"weights", "sampler_weights"};

    private RunDirectory() {
    }

    /**
     * {@code runsDir/runId}.
     *
     * @throws IllegalArgumentException if {@code runId} is not a valid name, or its folder is a symbolic link
     */
    public static Path of(Path runsDir, String runId) {
        Path dir = runsDir.resolve(TinkerPath.requireValidName("run id", runId));
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException(dir + " is a symbolic link (to " + target(dir) + "); the engine writes only"
                    + " inside its home: move that run's folder into " + runsDir + " in place of the link, or remove the link");
        }
        return dir;
    }

    /**
     * Deletes what a killed writer left in a run's checkpoint folders: hidden {@code .tmp-*} folders of writes that
     * never completed and {@code .trash-*} folders of deletions that never finished. Call it only while no one
     * writes to the run (before resuming it).
     */
    public static void clearUnfinishedWrites(Path runDir) {
        for (String kind : CHECKPOINT_FOLDERS) {
            Path folder = runDir.resolve(kind);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.filter(AtomicDirectory::isScratch).toList()) {
                    AtomicDirectory.deleteTree(child);
                    LOG.info("Removed {}, left by a write or deletion that was interrupted", child);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not clear the unfinished writes in " + folder, e);
            }
        }
    }

    private static String target(Path dir) {
        try {
            return Files.readSymbolicLink(dir).toString();
        } catch (IOException e) {
            return "a folder that cannot be read";
        }
    }
}
