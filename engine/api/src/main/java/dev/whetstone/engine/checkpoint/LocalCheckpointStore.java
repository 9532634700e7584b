package dev.whetstone.engine.checkpoint;

import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.TrainingRun;
import dev.whetstone.engine.WorkbenchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on disk under {@code <home>/runs/<run-id>/{weights,sampler_weights}/<name>/}, the layout of
 * ARCHITECTURE.md. A checkpoint is listed or loaded only when complete (written atomically, with its
 * {@code checkpoint_complete} marker); expired ones are swept unless in use.
 */
public final class LocalCheckpointStore implements CheckpointStore, AutoCloseable {
    static final String COMPLETE_MARKER = "checkpoint_complete";
    /** The optimizer state file inside a training-state checkpoint folder. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final Logger LOG = LoggerFactory.getLogger(LocalCheckpointStore.class);

    private final Path runsDir;
    private final Map<TinkerPath, Integer> inUse = new HashMap<>();
    private final ExecutorService exporter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "whetstone-checkpoint-export");
        t.setDaemon(true);
        return t;
    });

    public LocalCheckpointStore(Path home) {
        this.runsDir = home.resolve("runs");
    }

    /** The folder of one run; never a link out of the runs folder ({@link RunDirectory}). */
    public Path runDir(String runId) {
        return RunDirectory.of(runsDir, runId);
    }

    /** Records a new training run. */
    public void writeRun(RunRecord run) {
        try {
            run.write(runDir(run.runId()));
        } catch (IOException e) {
            throw new WorkbenchException("could not write " + runDir(run.runId()).resolve(RunRecord.FILE) + ": " + e.getMessage()
                    + "; check that the engine home is writable and has free space", e);
        }
    }

    /** Writes a complete checkpoint atomically: {@code contents} plus its record and completion marker. */
    public void write(CheckpointRecord record, boolean overwrite, AtomicDirectory.Contents contents) {
        Path folder = folder(record.path());
        synchronized (this) {
            if (overwrite && inUse.containsKey(record.path())) {
                throw new WorkbenchException(record.path() + " is in use by a sampling client; close it before overwriting");
            }
        }
        try {
            AtomicDirectory.write(folder, overwrite, dir -> {
                contents.writeInto(dir);
                Files.write(dir.resolve(CheckpointRecord.FILE), record.toJson());
                Files.createFile(dir.resolve(COMPLETE_MARKER));
            });
        } catch (FileAlreadyExistsException e) {
            throw new WorkbenchException("checkpoint '" + record.path().name() + "' already exists in run " + record.path().runId()
                    + " (" + record.path() + "); pass overwrite=true to replace it, or choose another name");
        } catch (IOException | UncheckedIOException e) {
            throw new WorkbenchException("could not write checkpoint " + record.path() + ": " + e.getMessage()
                    + "; check free disk space under " + runsDir, e);
        }
    }

    /** The folder of a complete checkpoint at {@code path}, or a CheckpointNotFoundException naming the path. */
    public Path resolve(TinkerPath path) {
        if (!Files.isDirectory(runDir(path.runId()))) {
            throw new CheckpointNotFoundException(path + " does not resolve: there is no run '" + path.runId() + "' under "
                    + runsDir + " (service.checkpoints().listRuns() shows the runs)");
        }
        Path folder = folder(path);
        if (!Files.isRegularFile(folder.resolve(COMPLETE_MARKER))) {
            throw new CheckpointNotFoundException(path + " does not resolve: run '" + path.runId() + "' has no complete "
                    + path.kind().folder() + " checkpoint named '" + path.name() + "' (listCheckpoints(\"" + path.runId()
                    + "\") shows what it has)");
        }
        return folder;
    }

    /** The record of a complete checkpoint. */
    public CheckpointRecord record(TinkerPath path) {
        return CheckpointRecord.read(resolve(path));
    }

    /** Marks a checkpoint in use (not swept, not deleted) until the returned lease closes. */
    public synchronized AutoCloseable lease(TinkerPath path) {
        inUse.merge(path, 1, Integer::sum);
        return () -> release(path);
    }

    private synchronized void release(TinkerPath path) {
        inUse.computeIfPresent(path, (p, n) -> n == 1 ? null : n - 1);
    }

    @Override
    public List<TrainingRun> listRuns() {
        List<TrainingRun> runs = new ArrayList<>();
        for (Path dir : children(runsDir)) {
            RunRecord run = RunRecord.read(dir);
            if (run != null) {
                runs.add(new TrainingRun(run.runId(), run.baseModel(), run.lora() != null,
                        run.lora() == null ? null : run.lora().rank(), lastModified(dir)));
            }
        }
        runs.sort(Comparator.comparing(TrainingRun::lastRequestTime).reversed());
        return runs;
    }

    @Override
    public List<Checkpoint> listCheckpoints(String runId) {
        Path runDir = runDir(runId);
        if (!Files.isDirectory(runDir)) {
            throw new CheckpointNotFoundException("there is no run '" + runId + "' under " + runsDir);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (TinkerPath.Kind kind : TinkerPath.Kind.values()) {
            for (Path dir : children(runDir.resolve(kind.folder()))) {
                if (AtomicDirectory.isScratch(dir) || !Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
                    continue;
                }
                CheckpointRecord record = CheckpointRecord.read(dir);
                checkpoints.add(new Checkpoint(record.path().checkpointId(),
                        kind == TinkerPath.Kind.WEIGHTS ? Checkpoint.CheckpointType.TRAINING : Checkpoint.CheckpointType.SAMPLER,
                        record.created(), record.path().toString(), size(dir), record.expiresAt()));
            }
        }
        checkpoints.sort(Comparator.comparing(Checkpoint::time));
        return checkpoints;
    }

    @Override
    public void delete(String path) {
        TinkerPath parsed = TinkerPath.parse(path);
        Path folder = resolve(parsed);
        synchronized (this) {
            if (inUse.containsKey(parsed)) {
                throw new WorkbenchException(path + " is in use by a sampling client; close it before deleting");
            }
        }
        deleteFolder(folder);
    }

    @Override
    public void setTtl(String path, Duration ttl) {
        TinkerPath parsed = TinkerPath.parse(path);
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive or null (never expires), was " + ttl);
        }
        Path folder = resolve(parsed);
        CheckpointRecord record = CheckpointRecord.read(folder);
        try {
            AtomicDirectory.replaceFile(folder.resolve(CheckpointRecord.FILE),
                    record.withExpiresAt(ttl == null ? null : Instant.now().plus(ttl)).toJson());
        } catch (IOException e) {
            throw new WorkbenchException("could not update the expiry of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every expired checkpoint that is not in use; returns their paths. */
    public List<String> sweepExpired() {
        List<String> swept = new ArrayList<>();
        Instant now = Instant.now();
        for (Path runDir : children(runsDir)) {
            for (TinkerPath.Kind kind : TinkerPath.Kind.values()) {
                for (Path dir : children(runDir.resolve(kind.folder()))) {
                    if (AtomicDirectory.isScratch(dir) || !Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
                        continue;
                    }
                    CheckpointRecord record;
                    try {
                        record = CheckpointRecord.read(dir);
                    } catch (CheckpointNotFoundException e) {
                        continue;
                    }
                    synchronized (this) {
                        if (!record.isExpired(now) || inUse.containsKey(record.path())) {
                            continue;
                        }
                    }
                    deleteFolder(dir);
                    swept.add(record.path().toString());
                    LOG.info("Swept expired checkpoint {} (expired {})", record.path(), record.expiresAt());
                }
            }
        }
        return swept;
    }

    @Override
    public CompletableFuture<Path> exportPeft(String path, Path targetDir) {
        Path folder = adapterCheckpoint(path, "export as a PEFT adapter");
        return CompletableFuture.supplyAsync(() -> CheckpointExport.peftFolder(folder, targetDir), exporter);
    }

    @Override
    public CompletableFuture<Path> exportTar(String path, Path targetFile) {
        Path folder = adapterCheckpoint(path, "export as a Tinker adapter tar");
        return CompletableFuture.supplyAsync(() -> CheckpointExport.tar(folder, targetFile), exporter);
    }

    @Override
    public CompletableFuture<Path> merge(String path, Path targetDir) {
        Path folder = adapterCheckpoint(path, "merge");
        CheckpointRecord record = CheckpointRecord.read(folder);
        return CompletableFuture.supplyAsync(() -> new AdapterMerger(AdapterMerger.DEFAULT_SHARD_BYTES)
                .merge(folder, Path.of(record.baseModelPath()), targetDir), exporter);
    }

    @Override
    public void close() {
        exporter.shutdown();
    }

    /** The folder of a LoRA checkpoint; a full fine-tuning checkpoint is already a whole model folder. */
    private Path adapterCheckpoint(String path, String action) {
        Path folder = resolve(TinkerPath.parse(path));
        if (CheckpointRecord.read(folder).lora() == null) {
            throw new IllegalArgumentException(path + " is a full fine-tuning checkpoint, not an adapter: nothing to " + action
                    + "; its folder " + folder + " is already a complete Hugging Face model");
        }
        return folder;
    }

    private Path folder(TinkerPath path) {
        return runDir(path.runId()).resolve(path.kind().folder()).resolve(path.name());
    }

    private static void deleteFolder(Path folder) {
        try {
            Path trash = folder.resolveSibling(AtomicDirectory.TRASH_PREFIX + folder.getFileName() + "-" + java.util.UUID.randomUUID());
            Files.move(folder, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            AtomicDirectory.deleteTree(trash);
        } catch (IOException e) {
            throw new WorkbenchException("could not delete " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).sorted().toList();   // never through a link
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Instant lastModified(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.map(p -> p.toFile().lastModified()).max(Long::compare).map(Instant::ofEpochMilli).orElse(Instant.EPOCH);
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
