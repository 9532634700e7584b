package dev.whetstone.app.engine;

import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.TrainingRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The checkpoint store of whichever engine is open now (the REST routes of an engine behind the wire): each call
 * waits for the engine to be ready, and fails as soon as the engine is lost instead of retrying a dead server.
 */
final class GuardedCheckpointStore implements CheckpointStore {
    private final Supplier<OpenedEngine> engine;

    GuardedCheckpointStore(Supplier<OpenedEngine> engine) {
        this.engine = engine;
    }

    @Override
    public List<TrainingRun> listRuns() {
        OpenedEngine e = engine.get();
        return e.call(() -> e.client().checkpoints().listRuns());
    }

    @Override
    public List<Checkpoint> listCheckpoints(String runId) {
        OpenedEngine e = engine.get();
        return e.call(() -> e.client().checkpoints().listCheckpoints(runId));
    }

    @Override
    public void delete(String path) {
        OpenedEngine e = engine.get();
        e.call(() -> {
            e.client().checkpoints().delete(path);
            return null;
        });
    }

    @Override
    public void setTtl(String path, Duration ttl) {
        OpenedEngine e = engine.get();
        e.call(() -> {
            e.client().checkpoints().setTtl(path, ttl);
            return null;
        });
    }

    @Override
    public CompletableFuture<Path> exportPeft(String path, Path targetDir) {
        OpenedEngine e = engine.get();
        return e.guard(() -> e.client().checkpoints().exportPeft(path, targetDir));
    }

    @Override
    public CompletableFuture<Path> exportTar(String path, Path targetFile) {
        OpenedEngine e = engine.get();
        return e.guard(() -> e.client().checkpoints().exportTar(path, targetFile));
    }

    @Override
    public CompletableFuture<Path> merge(String path, Path targetDir) {
        OpenedEngine e = engine.get();
        return e.guard(() -> e.client().checkpoints().merge(path, targetDir));
    }
}
