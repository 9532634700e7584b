package dev.whetstone.engine.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on one blob while it is written ({@code .locks/models--Owner--Name/<etag>.lock}), so two
 * downloads of the same file, in this process or another, never write one {@code .incomplete} file at once.
 * A second download waits for the first, then finds the blob done.
 */
final class BlobLock implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private BlobLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at {@code file}, waiting while another download holds it; {@code onWait} runs once if it
     * has to wait. Interrupting the thread (cancelling the download) stops the wait.
     */
    static BlobLock acquire(Path file, Runnable onWait) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean waited = false;
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new BlobLock(channel, lock);
                }
                if (!waited) {
                    waited = true;
                    onWait.run();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;   // held by another download in this JVM
        }
    }

    @Override
    public void close() throws IOException {
        try (FileChannel c = channel) {
            if (lock.isValid()) {
                lock.release();
            }
        }
    }
}
