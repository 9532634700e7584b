package dev.whetstone.engine.hub;

import dev.whetstone.engine.hub.HubException.Reason;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a model from the Hugging Face Hub into the standard hub cache ({@link RepoCache}), only the
 * files a model needs ({@link ModelFiles}), each resumable and checked against the hub's hash
 * ({@link BlobDownload}). Honours {@code HF_ENDPOINT}, {@code HF_HUB_CACHE} / {@code HF_HOME},
 * {@code HF_TOKEN} and {@code HF_HUB_OFFLINE} through {@link HubSettings}.
 *
 * <p>Example: {@code new ModelDownloader(HubSettings.fromEnvironment()).download(ModelRequest.of("Qwen/Qwen3-0.6B",
 * null), p -> System.out.println(p.fraction())).join().folder()}
 */
public final class ModelDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);
    private static final int MAX_RETRIES = 5;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    /** A body that sends nothing this long is dropped and resumed (huggingface_hub waits 10 s). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final HubSettings settings;
    private final HubApi api;
    private final int maxRetries;
    private final Duration retryDelay;
    private final Duration readTimeout;

    /** A downloader with {@code settings}, over the JDK's HTTP client. */
    public ModelDownloader(HubSettings settings) {
        this(settings, HubApi::newHttpClient, MAX_RETRIES, RETRY_DELAY, READ_TIMEOUT);
    }

    /**
     * For tests: {@code maxRetries} reconnects per file in a row, {@code retryDelay} apart; a body silent for
     * {@code readTimeout} counts as a broken connection.
     */
    ModelDownloader(HubSettings settings, Supplier<HttpClient> http, int maxRetries, Duration retryDelay, Duration readTimeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.api = new HubApi(settings, http, "whetstone; java/" + Runtime.version().feature());
        this.maxRetries = maxRetries;
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * Starts downloading {@code request} on a thread of its own; {@code listener} hears the progress there.
     * Cancelling the future stops the download at once and keeps what arrived, so the next download of the
     * model resumes. The future fails with a {@link HubException} that says what to do.
     */
    public CompletableFuture<DownloadedModel> download(ModelRequest request, DownloadListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        CompletableFuture<DownloadedModel> result = new CompletableFuture<>();
        DownloadControl control = new DownloadControl();
        Thread worker = new Thread(() -> {
            try {
                result.complete(fetch(request, listener, control));
            } catch (InterruptedException e) {
                result.completeExceptionally(new CancellationException("download of " + request + " cancelled"));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "whetstone-hub-download");
        control.runsOn(worker);
        worker.setDaemon(true);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "whetstone-hub-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long checkMillis = Math.max(10, readTimeout.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(() -> {
            if (control.breakStalledRead(readTimeout.toNanos())) {
                LOG.warn("No data from the hub for {} s while downloading {}; reconnecting", readTimeout.toSeconds(), request);
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        result.whenComplete((model, error) -> {
            watchdog.shutdownNow();
            if (result.isCancelled()) {
                control.cancel();
            }
        });
        worker.start();
        return result;
    }

    /** The cached snapshot of {@code request} holding a {@code config.json}, if there is one; never touches the network. */
    public Optional<Path> cached(ModelRequest request) {
        RepoCache repo = new RepoCache(settings.cache(), request);
        return repo.commitFor(request.revision()).map(repo::snapshot)
                .filter(folder -> Files.isRegularFile(folder.resolve(ModelFiles.CONFIG)));
    }

    /** The download, on the calling thread, which nothing cancels. */
    DownloadedModel fetch(ModelRequest request, DownloadListener listener) throws InterruptedException {
        return fetch(request, listener, new DownloadControl());
    }

    private DownloadedModel fetch(ModelRequest request, DownloadListener listener, DownloadControl control)
            throws InterruptedException {
        RepoCache repo = new RepoCache(settings.cache(), request);
        TransferMeter meter = new TransferMeter(request.repoId(), listener, System::nanoTime);
        if (settings.offline()) {
            return offline(request, repo, meter);
        }
        try {
            RepoInfo info = network(request, () -> api.modelInfo(request));
            repo.prepare();
            List<RepoFile> first = ModelFiles.beforeWeights(info, request);
            meter.plan(first.size(), bytes(first));
            List<String> paths = new ArrayList<>();
            for (RepoFile file : first) {
                paths.add(fetchFile(request, repo, info.commit(), file, meter, control));
            }
            Path index = first.stream().anyMatch(f -> f.path().equals(ModelFiles.INDEX))
                    ? repo.pointer(info.commit(), ModelFiles.INDEX) : null;
            List<RepoFile> weights = ModelFiles.weights(info, request, index);
            meter.plan(first.size() + weights.size(), bytes(first) + bytes(weights));
            checkSpace(repo, info.commit(), weights);
            for (RepoFile file : weights) {
                paths.add(fetchFile(request, repo, info.commit(), file, meter, control));
            }
            repo.writeRef(request.revision(), info.commit());
            meter.finish();
            return new DownloadedModel(request, info.commit(), repo.snapshot(info.commit()), paths, meter.networkBytes(),
                    bytes(first) + bytes(weights));
        } catch (IOException e) {
            throw new HubException(Reason.DISK, "could not write the Hugging Face cache at " + settings.cache() + " ("
                    + e + "): make it writable, or set HF_HUB_CACHE to a folder you can write", e);
        }
    }

    /** Puts one file in the snapshot (from the cache if it is there) and returns its repo path. */
    private String fetchFile(ModelRequest request, RepoCache repo, String commit, RepoFile file, TransferMeter meter,
                             DownloadControl control) throws IOException, InterruptedException {
        control.check();
        Path pointer = repo.pointer(commit, file.path());
        if (Files.exists(pointer)) {
            meter.alreadyHad(Math.max(0, file.size()));
            meter.fileDone();
            return file.path();
        }
        meter.file(file.path(), "asking the hub");
        FileLocation location = network(request, () -> api.locate(request, commit, file.path()));
        if (file.size() < 0) {
            meter.grow(location.size());
        }
        Runnable waiting = () -> meter.file(file.path(), "waiting for another download of this file");
        try (BlobLock lock = BlobLock.acquire(repo.lockFile(location.etag()), waiting)) {
            meter.file(file.path(), "downloading");
            new BlobDownload(api, repo, request, meter, control, maxRetries, retryDelay).fetch(location);
            repo.link(location.etag(), commit, file.path());
        }
        meter.fileDone();
        return file.path();
    }

    private DownloadedModel offline(ModelRequest request, RepoCache repo, TransferMeter meter) {
        Optional<String> commit = repo.commitFor(request.revision());
        Path folder = commit.map(repo::snapshot).orElse(null);
        if (folder == null || !Files.isRegularFile(folder.resolve(ModelFiles.CONFIG))) {
            throw new HubException(Reason.OFFLINE, "HF_HUB_OFFLINE is set and " + request + " is not in the Hugging Face"
                    + " cache at " + repo.root() + ": unset HF_HUB_OFFLINE to download it");
        }
        List<String> files = new ArrayList<>();
        try (var listing = Files.list(folder)) {
            listing.forEach(p -> files.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new HubException(Reason.DISK, "could not read " + folder + " (" + e.getMessage() + ")", e);
        }
        meter.finish();
        return new DownloadedModel(request, commit.get(), folder, files.stream().sorted().toList(), 0, 0);
    }

    /** Refuses to start weights that cannot fit on the cache's disk. */
    private void checkSpace(RepoCache repo, String commit, List<RepoFile> weights) throws IOException {
        long needed = 0;
        for (RepoFile file : weights) {
            if (!Files.exists(repo.pointer(commit, file.path())) && file.size() > 0) {
                needed += file.size();
            }
        }
        long free = Files.getFileStore(repo.root()).getUsableSpace();
        if (needed > free) {
            throw new HubException(Reason.DISK, "the weights need " + gib(needed) + " but only " + gib(free) + " is free"
                    + " at " + settings.cache() + ": free some space, or set HF_HUB_CACHE to a folder on a larger disk");
        }
    }

    private <T> T network(ModelRequest request, HubCall<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (IOException e) {
            String cachedNote = cached(request).map(dir -> "; the cache already holds " + request.repoId() + " at " + dir
                    + ", which works offline").orElse("");
            throw new HubException(Reason.NETWORK, "could not reach the hub at " + settings.endpoint() + " (" + e + "):"
                    + " check the network connection, HF_ENDPOINT and any proxy (-Dhttps.proxyHost)" + cachedNote, e);
        }
    }

    private static long bytes(List<RepoFile> files) {
        return files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** A request to the hub that may fail on the network. */
    @FunctionalInterface
    private interface HubCall<T> {
        T run() throws IOException, InterruptedException;
    }
}
