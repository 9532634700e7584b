package dev.whetstone.engine.run;

import dev.whetstone.engine.checkpoint.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A persistent queue of runs ({@code <home>/runs/queue.json}) that runs them one after another. It
 * survives restarts (the file is rewritten atomically on every change) and refuses to start the next run
 * while free disk under the engine home is below a limit, since checkpoints need room.
 */
public final class RunQueue {
    /** Free bytes the queue wants before it starts a run: 5 GiB. */
    public static final long DEFAULT_MIN_FREE_BYTES = 5L * 1024 * 1024 * 1024;
    private final Path file;
    private final long minFreeBytes;

    /** The queue of the engine home {@code home}. */
    public RunQueue(Path home, long minFreeBytes) {
        this.file = home.resolve("runs").resolve("queue.json");
        this.minFreeBytes = minFreeBytes;
    }

    /** The queued configs, next first. */
    public synchronized List<TrainingConfig> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return RunFileCodec.readQueue(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the run queue " + file + " is unreadable (" + e.getMessage()
                    + "); move it aside to start an empty queue", e);
        }
    }

    /** Adds {@code config} at the end (it gets a run id now, so it can be referred to). */
    public synchronized TrainingConfig add(TrainingConfig config) {
        TrainingConfig withId = config.runId() != null ? config : config.withRunId(RunSupervisor.newRunId());
        List<TrainingConfig> queued = new ArrayList<>(list());
        if (queued.stream().anyMatch(c -> c.runId().equals(withId.runId()))) {
            throw new IllegalArgumentException("run '" + withId.runId() + "' is already queued");
        }
        queued.add(withId);
        save(queued);
        return withId;
    }

    /** Removes a queued run; false if it was not queued. */
    public synchronized boolean remove(String runId) {
        List<TrainingConfig> queued = new ArrayList<>(list());
        boolean removed = queued.removeIf(c -> c.runId().equals(runId));
        save(queued);
        return removed;
    }

    /** Moves a queued run to position {@code index} (0 = next). */
    public synchronized void move(String runId, int index) {
        List<TrainingConfig> queued = new ArrayList<>(list());
        TrainingConfig config = queued.stream().filter(c -> c.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("run '" + runId + "' is not queued"));
        if (index < 0 || index >= queued.size()) {
            throw new IllegalArgumentException("index must be in [0, " + (queued.size() - 1) + "], was " + index);
        }
        queued.remove(config);
        queued.add(index, config);
        save(queued);
    }

    /**
     * Runs the queue to the end, one run at a time: each is removed from the queue when it starts, so a
     * crash leaves it as an interrupted run (resumable), not queued twice. {@code start} starts one run
     * (loading its data) and returns its handle. Returns the outcomes in order.
     */
    public List<RunOutcome> drain(Function<TrainingConfig, RunHandle> start) {
        Objects.requireNonNull(start, "start");
        List<RunOutcome> outcomes = new ArrayList<>();
        while (true) {
            TrainingConfig next;
            synchronized (this) {
                List<TrainingConfig> queued = list();
                if (queued.isEmpty()) {
                    return outcomes;
                }
                requireFreeDisk();
                next = queued.get(0);
                save(queued.subList(1, queued.size()));
            }
            outcomes.add(start.apply(next).completion().join());
        }
    }

    private void requireFreeDisk() {
        try {
            Files.createDirectories(file.getParent());
            long free = Files.getFileStore(file.getParent()).getUsableSpace();
            if (free < minFreeBytes) {
                throw new IllegalStateException(String.format("only %.1f GiB free under %s; the queue waits for %.1f GiB "
                        + "(delete old checkpoints with the checkpoint store, or free disk space)",
                        free / 1073741824.0, file.getParent(), minFreeBytes / 1073741824.0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save(List<TrainingConfig> queued) {
        try {
            Files.createDirectories(file.getParent());
            AtomicDirectory.replaceFile(file, RunFileCodec.encodeQueue(queued));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run queue " + file, e);
        }
    }
}
