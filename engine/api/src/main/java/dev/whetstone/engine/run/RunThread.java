package dev.whetstone.engine.run;

import dev.whetstone.engine.EngineLostException;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.event.RunEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The thread a run trains on. It runs the run's loop to its end; when the engine is lost while a new one starts
 * behind the same {@link ServiceClient} (the app's engine process, {@code train --engine process}), it journals
 * {@code engine_lost} and resumes the run as {@code runs resume} does — from the last complete checkpoint, the
 * metrics after it dropped, {@code run_resumed}, a training client restored with its optimizer state — so the run
 * ends as an uninterrupted one would. The run fails instead when the engine is lost {@value #MAX_LOSSES} times
 * without the run getting past the checkpoint it last resumed from (an engine that dies at the same step each time).
 */
final class RunThread {
    static final int MAX_LOSSES = 3;

    /** Builds the loop of this run on a training client, starting at {@code startStep} after {@code earlier} checkpoints. */
    @FunctionalInterface
    interface Loops {
        RunLoop on(TrainingClient client, long startStep, List<CheckpointLine> earlier);
    }

    private final ServiceClient service;
    private final RunJournal journal;
    private final long totalSteps;
    private final Loops loops;
    private final Function<Path, CheckpointLine> lastCheckpoint;
    private final CompletableFuture<RunOutcome> completion = new CompletableFuture<>();
    private TrainingClient client;

    RunThread(ServiceClient service, RunJournal journal, long totalSteps, Loops loops, Function<Path, CheckpointLine> lastCheckpoint) {
        this.service = service;
        this.journal = journal;
        this.totalSteps = totalSteps;
        this.loops = loops;
        this.lastCheckpoint = lastCheckpoint;
    }

    /** Starts the run on {@code first} at {@code startStep}; the future completes when it ends, however it ends. */
    CompletableFuture<RunOutcome> start(TrainingClient first, long startStep, List<CheckpointLine> earlier) {
        client = first;
        Thread thread = new Thread(() -> {
            RunOutcome outcome = null;
            Throwable failure = null;
            try {
                outcome = runToEnd(loops.on(first, startStep, earlier));
            } catch (Throwable t) {
                failure = t;
            } finally {
                // before completing: a caller may close the service right after join()
                failure = closeAll(failure, client, journal);
            }
            if (failure == null) {
                completion.complete(outcome);
            } else {
                completion.completeExceptionally(failure);
            }
        }, "whetstone-run-" + journal.dir().getFileName());
        thread.setDaemon(true);
        thread.start();
        return completion;
    }

    private RunOutcome runToEnd(RunLoop first) {
        RunLoop loop = first;
        long resumedAt = -1;
        int losses = 0;
        while (true) {
            try {
                return loop.run();
            } catch (RuntimeException e) {
                lost(e, loop.step());
            }
            loop = null;
            while (loop == null) {
                try {
                    CheckpointLine from = lastCheckpoint.apply(journal.dir());
                    losses = from.step() == resumedAt ? losses + 1 : 1;
                    resumedAt = from.step();
                    if (losses >= MAX_LOSSES) {
                        return gaveUp(losses, from);
                    }
                    loop = resume(from);
                } catch (RuntimeException e) {
                    lost(e, resumedAt);
                }
            }
        }
    }

    private RunOutcome gaveUp(int losses, CheckpointLine at) {
        String message = "the engine was lost " + losses + " times before the run got past its checkpoint at step " + at.step()
                + "; resume the run when the engine is healthy (if it runs out of memory, lower the batch size or the max length)";
        journal.event(new RunEvent.RunFailed(at.step(), message));
        return new RunOutcome(RunStatus.FAILED, at.step(), Double.NaN, null, at.statePath().toString(), message);
    }

    /** Journals an engine loss that a restart will mend; rethrows any other failure. */
    private void lost(RuntimeException error, long step) {
        EngineLostException lost = EngineLostException.in(error);
        if (lost == null || !lost.restarting()) {
            throw error;
        }
        journal.event(new RunEvent.EngineLost(step, lost.getMessage(), true));
        closeAll(null, client);
        client = null;
    }

    /** A loop on a new training client, restored from the run's last complete checkpoint {@code from}. */
    private RunLoop resume(CheckpointLine from) {
        journal.truncateMetricsAfter(from.step());
        journal.event(new RunEvent.RunResumed(from.step(), from.statePath().toString(), totalSteps));
        String runId = journal.dir().getFileName().toString();
        client = service.createTrainingClientFromStateWithOptimizer(from.statePath().toString(), runId);
        return loops.on(client, from.step(), RunJournal.checkpoints(journal.dir()));
    }

    static Throwable closeAll(Throwable failure, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
