package dev.whetstone.engine.hub;

import dev.whetstone.engine.hub.HubException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file into {@code blobs/<etag>}: appends to {@code blobs/<etag>.incomplete} from its current
 * length with an HTTP range request (so a download cut by the network, a cancel or a crash goes on where
 * it stopped), retries a broken connection a few times while bytes keep coming, checks the hash the ETag
 * promises, and only then renames the file into place. A file that fails its hash is deleted; if it had
 * been resumed from an earlier attempt it is fetched once more from the start.
 */
final class BlobDownload {
    private static final Logger LOG = LoggerFactory.getLogger(BlobDownload.class);
    private static final int BUFFER = 256 * 1024;

    private final HubApi api;
    private final RepoCache cache;
    private final ModelRequest request;
    private final TransferMeter meter;
    private final DownloadControl control;
    private final int maxRetries;
    private final Duration retryDelay;

    /** Up to {@code maxRetries} reconnects in a row without a byte received, {@code retryDelay} apart. */
    BlobDownload(HubApi api, RepoCache cache, ModelRequest request, TransferMeter meter, DownloadControl control,
                 int maxRetries, Duration retryDelay) {
        this.api = api;
        this.cache = cache;
        this.request = request;
        this.meter = meter;
        this.control = control;
        this.maxRetries = maxRetries;
        this.retryDelay = retryDelay;
    }

    /** Makes {@code blobs/<etag>} hold {@code file}'s checked content. Call with the blob's lock held. */
    void fetch(FileLocation file) throws IOException, InterruptedException {
        Path blob = cache.blob(file.etag());
        if (Files.isRegularFile(blob)) {
            meter.alreadyHad(file.size());
            return;
        }
        Path partial = cache.incomplete(file.etag());
        boolean resumed = Files.isRegularFile(partial) && Files.size(partial) > 0;
        Optional<String> mismatch = download(file, partial);
        if (mismatch.isPresent() && resumed) {
            LOG.warn("{} of {} failed its hash after resuming an earlier download; fetching it again from the start",
                    file.path(), request.repoId());
            Files.deleteIfExists(partial);
            meter.discarded(file.size());
            mismatch = download(file, partial);
        }
        if (mismatch.isPresent()) {
            Files.deleteIfExists(partial);
            throw new HubException(Reason.HASH_MISMATCH, file.path() + " of " + request.repoId() + " is not the file the hub"
                    + " announced (" + mismatch.get() + "); the bad copy was deleted. Run the download again; if it"
                    + " happens again, something between you and the hub (a proxy, a full or failing disk) changes the data");
        }
        RepoCache.move(partial, blob);
    }

    /** Completes {@code partial} and checks its hash; the reason it failed the check, if it did. */
    private Optional<String> download(FileLocation file, Path partial) throws IOException, InterruptedException {
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        if (have > file.size()) {
            Files.delete(partial);
            have = 0;
        }
        meter.alreadyHad(have);
        ContentHash hash = startHash(file, partial, have);
        int failures = 0;
        while (have < file.size() || !Files.exists(partial)) {
            long attemptStart = have;
            try {
                HttpResponse<InputStream> response = api.open(request, file, have);
                if (response.statusCode() == 416 || (response.statusCode() == 200 && have > 0)) {
                    // the server cannot continue from here (or ignored the range): start the file over
                    meter.discarded(have);
                    have = 0;
                    attemptStart = 0;
                    hash = startHash(file, partial, 0);
                    Files.deleteIfExists(partial);
                    if (response.statusCode() == 416) {
                        response.body().close();
                        continue;
                    }
                }
                have = append(response.body(), partial, file, hash);
                if (have < file.size()) {
                    throw new IOException("the connection closed after " + have + " of " + file.size() + " bytes");
                }
            } catch (IOException e) {
                if (control.isCancelled() || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("download of " + file.path() + " cancelled");
                }
                have = Files.isRegularFile(partial) ? Files.size(partial) : 0;   // what the broken attempt appended
                if (have > attemptStart) {
                    failures = 0;   // bytes kept coming: as huggingface_hub, count only attempts in a row that got nothing
                }
                if (++failures > maxRetries) {
                    throw new HubException(Reason.NETWORK, "the connection to " + file.download().getHost() + " broke "
                            + failures + " times in a row while downloading " + file.path() + " of " + request.repoId()
                            + " (" + reason(e) + "): check the network and run the download again; it resumes from the "
                            + have + " bytes already fetched", e);
                }
                LOG.warn("Downloading {} of {}: {}; resuming from byte {}", file.path(), request.repoId(), reason(e), have);
                Thread.sleep(retryDelay.toMillis());
            }
        }
        if (hash == null) {
            LOG.warn("The hub's ETag of {} ({}) is not a SHA-256 or git SHA-1; its content is not checked", file.path(), file.etag());
            return Optional.empty();
        }
        meter.file(file.path(), "checking the hash");
        String actual = hash.finish();
        return actual.equals(hash.expected()) ? Optional.empty()
                : Optional.of("expected " + hash.kind() + " " + hash.expected() + ", got " + actual);
    }

    /** Appends the body to {@code partial}, hashing and counting; returns the file's new length (throws if cut short). */
    private long append(InputStream body, Path partial, FileLocation file, ContentHash hash) throws IOException {
        byte[] buffer = new byte[BUFFER];
        control.reading(body);
        try (InputStream in = body;
             FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            long length = out.size();
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (length + n > file.size()) {
                    throw new HubException(Reason.SERVER, "the hub sent more than the " + file.size() + " bytes it announced"
                            + " for " + file.path() + " of " + request.repoId() + "; try again later");
                }
                write(out, buffer, n, partial);
                if (hash != null) {
                    hash.update(buffer, 0, n);
                }
                length += n;
                control.received();
                meter.received(n);
            }
            return length;
        } finally {
            control.doneReading(body);
        }
    }

    /** The most telling message of a network failure ("closed" wraps the real one). */
    private static String reason(IOException e) {
        Throwable cause = e;
        while ((cause.getMessage() == null || cause.getMessage().equals("closed")) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void write(FileChannel out, byte[] buffer, int n, Path partial) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            if (control.isCancelled() || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new HubException(Reason.DISK, "could not write " + partial + " (" + e.getMessage() + "): free some disk"
                    + " space or fix the cache folder's permissions, then run the download again (it resumes)", e);
        }
    }

    /** A fresh hash of the file's content so far ({@code have} bytes of {@code partial}), or null if the ETag is no hash. */
    private ContentHash startHash(FileLocation file, Path partial, long have) throws IOException {
        ContentHash hash = ContentHash.forEtag(file.etag(), file.size()).orElse(null);
        if (hash != null && have > 0) {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(partial)) {
                long left = have;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                    hash.update(buffer, 0, n);
                    left -= n;
                }
            }
        }
        return hash;
    }
}
