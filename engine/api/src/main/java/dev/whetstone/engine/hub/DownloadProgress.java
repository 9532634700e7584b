package dev.whetstone.engine.hub;

import java.util.Objects;

/**
 * Where a download stands: the file being fetched, files and bytes done of the total, and the speed.
 * Bytes already in the cache (whole files, or the part of a file an earlier attempt left) count as done
 * but not toward the speed.
 *
 * @param repoId         the repo being downloaded
 * @param file           the file being fetched now, or "" between files
 * @param status         what is happening, for a status line: "downloading", "checking the hash", "waiting for
 *                       another download of this file", "done"
 * @param filesDone      files in place
 * @param filesTotal     files the model needs
 * @param bytesDone      bytes in place, of {@code bytesTotal}
 * @param bytesTotal     bytes of every file the model needs
 * @param bytesPerSecond network bytes per second over the last few seconds, 0 before any arrived
 */
public record DownloadProgress(String repoId, String file, String status, int filesDone, int filesTotal, long bytesDone,
                               long bytesTotal, double bytesPerSecond) {

    public DownloadProgress {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
    }

    /** The share done, 0 to 1 (1 for a model with nothing to fetch). */
    public double fraction() {
        return bytesTotal <= 0 ? 1.0 : Math.min(1.0, (double) bytesDone / bytesTotal);
    }

    /** Seconds left at the current speed, or -1 while the speed is unknown. */
    public double secondsLeft() {
        return bytesPerSecond > 0 ? Math.max(0, bytesTotal - bytesDone) / bytesPerSecond : -1;
    }
}
