package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.TrainingRun;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.checkpoint.AdapterMerger;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.wire.json.RestMessages;
import dev.whetstone.engine.wire.json.TrainingMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@link CheckpointStore} over Tinker's REST routes: runs and checkpoints listed, deleted and given a TTL on the
 * server; exports download the checkpoint's archive (a tar) and unpack it here; a merge downloads the adapter and
 * merges it into the base model found on this machine.
 */
final class RemoteCheckpointStore implements CheckpointStore {
    private static final int PAGE = 100;
    private static final Set<String> ADAPTER_FILES = Set.of("adapter_model.safetensors", "adapter_config.json");

    private final Connection connection;

    RemoteCheckpointStore(Connection connection) {
        this.connection = connection;
    }

    @Override
    public List<TrainingRun> listRuns() {
        List<TrainingRun> runs = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            RestMessages.TrainingRunsResponse page = get("training_runs?limit=" + PAGE + "&offset=" + offset,
                    RestMessages.TrainingRunsResponse.class);
            for (RestMessages.TrainingRunJson r : page.trainingRuns()) {
                runs.add(new TrainingRun(r.trainingRunId(), r.baseModel(), r.isLora(), r.loraRank(), instant(r.lastRequestTime())));
            }
            if (page.trainingRuns().size() < PAGE || page.cursor() == null || offset + PAGE >= page.cursor().totalCount()) {
                break;
            }
        }
        runs.sort(Comparator.comparing(TrainingRun::lastRequestTime).reversed());
        return runs;
    }

    @Override
    public List<Checkpoint> listCheckpoints(String runId) {
        TinkerPath.requireValidName("run id", runId);
        List<Checkpoint> out = new ArrayList<>();
        for (RestMessages.CheckpointJson c : get("training_runs/" + runId + "/checkpoints",
                RestMessages.CheckpointsListResponse.class).checkpoints()) {
            out.add(new Checkpoint(c.checkpointId(), "training".equals(c.checkpointType()) ? Checkpoint.CheckpointType.TRAINING
                    : Checkpoint.CheckpointType.SAMPLER, instant(c.time()), c.tinkerPath(),
                    c.sizeBytes() == null ? 0 : c.sizeBytes(), c.expiresAt() == null ? null : instant(c.expiresAt())));
        }
        out.sort(Comparator.comparing(Checkpoint::time));
        return out;
    }

    @Override
    public void delete(String path) {
        notFoundAsCheckpointNotFound(() -> RemoteServiceClient.join(connection.send(
                new Connection.Call("DELETE", route(path), null, null, null, Connection.JSON))));
    }

    /** A 404 from a checkpoint route is the store's {@link CheckpointNotFoundException}, as in process. */
    private static void notFoundAsCheckpointNotFound(Runnable call) {
        try {
            call.run();
        } catch (RemoteRequestException e) {
            if (e.status() == 404) {
                throw new CheckpointNotFoundException(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void setTtl(String path, Duration ttl) {
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive or null (never expires), was " + ttl);
        }
        notFoundAsCheckpointNotFound(() -> RemoteServiceClient.join(connection.send(Connection.Call.json("PUT", route(path) + "/ttl",
                new RestMessages.TtlRequest(ttl == null ? null : Math.max(1, ttl.toSeconds()))))));
    }

    @Override
    public CompletableFuture<Path> exportTar(String path, Path targetFile) {
        String route = route(path);
        return connection.send(Connection.Call.get(route + "/archive"))
                .thenApplyAsync(a -> download(a.json(RestMessages.CheckpointArchiveUrlResponse.class).url(), targetFile),
                        connection.workers());
    }

    @Override
    public CompletableFuture<Path> exportPeft(String path, Path targetDir) {
        return withArchive(path, tar -> {
            unpackAdapter(tar, targetDir);
            return targetDir;
        });
    }

    @Override
    public CompletableFuture<Path> merge(String path, Path targetDir) {
        TinkerPath tinker = TinkerPath.parse(path);
        return connection.send(Connection.Call.json("POST", "weights_info", new TrainingMessages.WeightsInfoRequest(path)))
                .thenCompose(a -> {
                    String baseModel = a.json(TrainingMessages.WeightsInfoResponse.class).baseModel();
                    Path base = ModelLocator.resolve(baseModel, EngineOptions.defaultHome());
                    return withArchive(tinker.toString(), tar -> {
                        Path adapter = tempDir("whetstone-adapter-");
                        try {
                            unpackAdapter(tar, adapter);
                            return AdapterMerger.mergeInto(adapter, base, targetDir);
                        } finally {
                            deleteQuietly(adapter);
                        }
                    });
                });
    }

    private interface ArchiveUse {
        Path apply(Path tar);
    }

    private CompletableFuture<Path> withArchive(String path, ArchiveUse use) {
        Path tar = tempDir("whetstone-archive-").resolve("checkpoint.tar");
        return exportTar(path, tar).thenApply(file -> {
            try {
                return use.apply(file);
            } finally {
                deleteQuietly(file.getParent());
            }
        });
    }

    /** Downloads an archive link (a signed URL needs no key; our server's one-time link neither). */
    private Path download(String url, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".download-", ".tar");
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(temp));
            if (r.statusCode() != 200) {
                Files.deleteIfExists(temp);
                throw new RemoteRequestException("downloading the checkpoint archive failed with HTTP " + r.statusCode() + " from "
                        + url, "server", r.statusCode());
            }
            return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WorkbenchException("could not download the checkpoint archive to " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException("interrupted while downloading the checkpoint archive", e);
        }
    }

    private static void unpackAdapter(Path tar, Path targetDir) {
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
            Files.createDirectories(targetDir);
            int found = 0;
            for (TarArchiveEntry e; (e = entries.getNextEntry()) != null; ) {
                String name = Path.of(e.getName()).getFileName().toString();
                if (e.isFile() && ADAPTER_FILES.contains(name)) {
                    Files.copy(entries, targetDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    found++;
                }
            }
            if (found < ADAPTER_FILES.size()) {
                throw new WorkbenchException("the checkpoint archive holds no PEFT adapter (" + ADAPTER_FILES + " missing)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the checkpoint archive " + tar + ": " + e.getMessage(), e);
        }
    }

    private static String route(String path) {
        TinkerPath p = TinkerPath.parse(path);
        return "training_runs/" + p.runId() + "/checkpoints/" + p.checkpointId();
    }

    private <T> T get(String pathAndQuery, Class<T> type) {
        return RemoteServiceClient.join(connection.send(Connection.Call.get(pathAndQuery))).json(type);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? Instant.EPOCH : Instant.parse(text.endsWith("Z") || text.contains("+") ? text : text + "Z");
        } catch (RuntimeException e) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary folder; the OS cleans it up
        }
    }
}
