package dev.whetstone.engine.hub;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Counts a download's bytes and tells its listener, at most every {@value #REPORT_NANOS}ns (and at each file
 * boundary), where it stands; the speed is the network bytes of the last {@value #WINDOW_NANOS}ns.
 */
final class TransferMeter {
    static final long REPORT_NANOS = 100_000_000L;
    static final long WINDOW_NANOS = 5_000_000_000L;

    private final String repoId;
    private final DownloadListener listener;
    private final LongSupplier clock;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();   // {time ns, network bytes so far}
    private int filesTotal;
    private long bytesTotal;
    private int filesDone;
    private long bytesDone;
    private long networkBytes;
    private String file = "";
    private String status = "asking the hub";
    private long lastReport = Long.MIN_VALUE;

    TransferMeter(String repoId, DownloadListener listener, LongSupplier clock) {
        this.repoId = Objects.requireNonNull(repoId, "repoId");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The totals, once the files are known. */
    void plan(int files, long bytes) {
        filesTotal = files;
        bytesTotal = bytes;
        report(true);
    }

    /** The plan grows: a file whose size was not known until now. */
    void grow(long bytes) {
        bytesTotal += bytes;
    }

    void file(String name, String newStatus) {
        file = name;
        status = newStatus;
        report(true);
    }

    /** Bytes that were already on disk (a resumed file's first part). */
    void alreadyHad(long bytes) {
        bytesDone += bytes;
        report(false);
    }

    /** Bytes that just came over the network. */
    void received(long bytes) {
        bytesDone += bytes;
        networkBytes += bytes;
        report(false);
    }

    /** A partial file that had to be thrown away: its bytes are no longer done. */
    void discarded(long bytes) {
        bytesDone -= bytes;
    }

    void fileDone() {
        filesDone++;
        file = "";
        report(true);
    }

    /** The last report: everything in place. */
    void finish() {
        file = "";
        status = "done";
        report(true);
    }

    long networkBytes() {
        return networkBytes;
    }

    private void report(boolean always) {
        long now = clock.getAsLong();
        if (!always && lastReport != Long.MIN_VALUE && now - lastReport < REPORT_NANOS) {
            return;
        }
        lastReport = now;
        samples.addLast(new long[] {now, networkBytes});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        double seconds = (now - oldest[0]) / 1e9;
        double speed = seconds > 0 ? (networkBytes - oldest[1]) / seconds : 0;
        listener.onProgress(new DownloadProgress(repoId, file, status, filesDone, filesTotal, bytesDone, bytesTotal, speed));
    }
}
