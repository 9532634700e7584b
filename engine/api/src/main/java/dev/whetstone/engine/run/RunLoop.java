package dev.whetstone.engine.run;

import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.EngineLostException;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.reward.RewardException;
import java.util.concurrent.CompletionException;

/**
 * The training loop of one run, on its own thread, driving a {@link TrainingClient} through the public API
 * (tinker-cookbook's {@code sl_loop}, made robust): batches in a seeded order, the LR schedule, per-step metrics,
 * evaluation (validation loss, and held-out exact match at step 0, each evaluation and the end), checkpoints with
 * retention, the divergence guard, controls. What a step and an evaluation do is the method's
 * ({@link RunObjective}: SFT, DPO or GRPO); a reward that fails saves a checkpoint and pauses the run.
 */
final class RunLoop {
    private final TrainingConfig config;
    private final RunObjective objective;
    private final RunJournal journal;
    private final TrainingClient client;
    private final CheckpointStore store;
    private final RunControls controls;
    private final DataOrder order;
    private final long totalSteps;
    private final DivergenceGuard guard;
    private final CheckpointPolicy policy;
    private final ExactMatchEvaluator exactMatch;
    private long step;
    private boolean diverged;
    private double lastLoss = Double.NaN;
    private Double lastEvalLoss;
    private double bestEvalLoss = Double.POSITIVE_INFINITY;
    private int evalsWithoutImprovement;
    private String lastStatePath;

    RunLoop(TrainingConfig config, TrainingData data, RunJournal journal, TrainingClient client, CheckpointStore store,
            RunControls controls, long startStep, long totalSteps, ExactMatchEvaluator exactMatch) {
        this.config = config;
        this.objective = RunObjective.of(config, data, journal, client);
        this.journal = journal;
        this.client = client;
        this.store = store;
        this.controls = controls;
        this.order = new DataOrder(config.seed(), data.examples(), config.batchSize());
        this.totalSteps = totalSteps;
        this.guard = new DivergenceGuard(config.spikeFactor());
        this.policy = new CheckpointPolicy(config.keepLast());
        this.step = startStep;
        this.exactMatch = exactMatch;
    }

    /**
     * Runs to the end, a stop, or a failure; the outcome is also in the journal.
     *
     * @throws EngineLostException when the engine went away and a new one is starting (nothing is journalled then)
     */
    RunOutcome run() {
        try {
            if (policy.lastAtOrBefore(step) == null) {
                save(String.format("%06d", step), true);     // a rollback target before the first step
            }
            objective.prepare(step);
            if (step == 0 && !scoredAt(0, ExactMatchEvaluator.METRIC)) {
                scoreExactMatch();                           // the base model's score
            }
            if (step == 0 && objective.baseMetric() != null && !scoredAt(0, objective.baseMetric())) {
                evaluateHeldOut();                           // the base model's held-out level (DPO, GRPO)
            }
            long started = System.nanoTime();
            long startStep = step;
            while (step < totalSteps) {
                RunControls.Command command = controls.next(
                        () -> journal.event(new RunEvent.RunPaused(step, controls.pauseReason())),
                        () -> journal.event(new RunEvent.RunUnpaused(step)));
                if (command == RunControls.Command.STOP || command == RunControls.Command.STOP_AND_SAVE) {
                    boolean saved = command == RunControls.Command.STOP_AND_SAVE;
                    if (saved) {
                        save("stopped-" + String.format("%06d", step), false);
                    }
                    journal.event(new RunEvent.RunStopped(step, saved));
                    return outcome(RunStatus.STOPPED, null);
                }
                if (command == RunControls.Command.SAVE_NOW) {
                    save(String.format("%06d", step), true);
                    continue;
                }
                if (!trainStep(started, startStep)) {
                    continue;
                }
                if (config.evalEvery() > 0 && step % config.evalEvery() == 0 && step < totalSteps && evaluate()) {
                    journal.event(new RunEvent.EarlyStopped(step, bestEvalLoss));
                    finish();
                    return outcome(RunStatus.EARLY_STOPPED, null);
                }
                if (config.saveEvery() > 0 && step % config.saveEvery() == 0 && step < totalSteps) {
                    save(String.format("%06d", step), true);
                }
            }
            evaluate();
            finish();
            journal.event(new RunEvent.RunCompleted(step, lastEvalLoss, diverged));
            return outcome(diverged ? RunStatus.DIVERGED : RunStatus.COMPLETED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            journal.event(new RunEvent.RunFailed(step, "interrupted"));
            return outcome(RunStatus.FAILED, "interrupted");
        } catch (RuntimeException e) {
            EngineLostException lost = EngineLostException.in(e);
            if (lost != null && lost.restarting()) {
                throw lost;                                  // the run's thread resumes it on the new engine
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            journal.event(new RunEvent.RunFailed(step, message));
            return outcome(RunStatus.FAILED, message);
        }
    }

    /** One optimizer step; false when the guard rolled back or a reward failed (the run is then paused). */
    private boolean trainStep(long started, long startStep) {
        double lr = config.schedule().at(step, totalSteps, config.adam().learningRate());
        long t0 = System.nanoTime();
        RunObjective.StepResult result;
        try {
            result = objective.step(step, order.batch(step), config.adam().withLearningRate(lr));
        } catch (RewardException e) {
            pauseForReward(e);
            return false;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double loss = result.loss();
        double gradNorm = result.gradNorm();
        DivergenceGuard.Finding finding = result.spikeWatched() ? guard.check(loss, gradNorm) : guard.checkFinite(loss, gradNorm);
        if (finding != null) {
            rollBack(finding);
            return false;
        }
        step++;
        lastLoss = loss;
        double elapsed = (System.nanoTime() - started) / 1e9;
        double perStep = elapsed / Math.max(1, step - startStep);
        journal.metrics(result.line().apply(new RunObjective.StepTiming(step, order.epochOf(step - 1), lr,
                result.inputTokens() / seconds, elapsed, perStep * (totalSteps - step))));
        return true;
    }

    private void rollBack(DivergenceGuard.Finding finding) {
        diverged = true;
        journal.event(new RunEvent.DivergenceDetected(step + 1, finding.what(), finding.value(), finding.suggestion()));
        CheckpointPolicy.Saved target = policy.lastAtOrBefore(step);
        client.loadStateWithOptimizer(target.statePath()).join();
        step = target.step();
        journal.truncateMetricsAfter(step);
        guard.reset();
        journal.event(new RunEvent.RolledBack(step, target.statePath()));
        controls.pause("divergence guard: " + finding.suggestion());
    }

    /**
     * A reward that could not be computed (a program that crashed, hung or answered badly): saves a checkpoint at this
     * step, unless there is one, and pauses, so that nothing is lost and the run continues once the reward is fixed.
     */
    private void pauseForReward(RewardException e) {
        CheckpointPolicy.Saved last = policy.lastAtOrBefore(step);
        if (last == null || last.step() != step) {
            save(String.format("%06d", step), true);
        }
        controls.pause("the reward failed: " + e.getMessage());
    }

    /** Scores held-out exact match, then evaluates on the held-out data; true when early stopping should end the run. */
    private boolean evaluate() {
        scoreExactMatch();
        Double evalLoss = evaluateHeldOut();
        if (evalLoss == null) {
            return false;
        }
        lastEvalLoss = evalLoss;
        if (evalLoss < bestEvalLoss - 1e-6) {
            bestEvalLoss = evalLoss;
            evalsWithoutImprovement = 0;
            return false;
        }
        evalsWithoutImprovement++;
        return config.earlyStoppingPatience() > 0 && evalsWithoutImprovement >= config.earlyStoppingPatience();
    }

    /** The method's held-out evaluation; a reward that fails there pauses the run as in a step. */
    private Double evaluateHeldOut() {
        try {
            return objective.evaluate(step);
        } catch (RewardException e) {
            pauseForReward(e);
            return null;
        }
    }

    /** Scores an ephemeral snapshot of the current weights on the held-out exact-match file, if the run has one. */
    private void scoreExactMatch() {
        if (exactMatch == null) {
            return;
        }
        SamplingClient snapshot = client.saveWeightsAndGetSamplingClient().join();
        double score;
        try {
            score = exactMatch.score(snapshot);
        } finally {
            release(snapshot);
        }
        journal.metrics(new MetricsLine.Score(step, ExactMatchEvaluator.METRIC, score));
        journal.event(new RunEvent.MetricEvaluated(step, ExactMatchEvaluator.METRIC, score));
    }

    /** Whether the journal already holds {@code metric} at {@code atStep} (a run resumed at step 0). */
    private boolean scoredAt(long atStep, String metric) {
        return RunJournal.metrics(journal.dir()).stream()
                .anyMatch(m -> m instanceof MetricsLine.Score s && s.step() == atStep && s.name().equals(metric));
    }

    /** Frees a snapshot's adapter now rather than at garbage collection. */
    static void release(SamplingClient snapshot) {
        if (snapshot instanceof AutoCloseable closeable) {
            try (closeable) {
                // closed on leaving
            } catch (Exception e) {
                throw new IllegalStateException("could not free the evaluation snapshot", e);
            }
        }
    }

    private void finish() {
        save("final", false);
    }

    private void save(String name, boolean periodic) {
        TinkerPath statePath = TinkerPath.parse(client.saveState(name, null, true).join().path());
        String state = statePath.toString();
        try {
            // a re-saved name (after a rollback or an extension) replaces the old one
            store.delete(statePath.as(TinkerPath.Kind.SAMPLER_WEIGHTS).toString());
        } catch (dev.whetstone.engine.CheckpointNotFoundException absent) {
            // the usual case
        }
        TinkerPath samplerPath = TinkerPath.parse(client.saveWeightsForSampler(name).join().path());
        String sampler = samplerPath.toString();
        lastStatePath = state;
        journal.checkpoint(new CheckpointLine(name, step, order.epochOf(Math.max(0, step - 1)), statePath, samplerPath,
                lastEvalLoss, config.seed()));
        journal.event(new RunEvent.CheckpointSaved(step, name, state, sampler));
        if (periodic) {
            double eval = lastEvalLoss == null ? Double.NaN : lastEvalLoss;
            policy.add(new CheckpointPolicy.Saved(name, step, state, sampler, eval), store, journal::forgetCheckpoint)
                    .forEach(journal::event);
        }
    }

    /** Registers a periodic checkpoint from an earlier life of the run (rollback target, retention). */
    void knownCheckpoint(String name, long atStep, String statePath, String samplerPath) {
        if (!name.matches("\\d{6}")) {
            return;
        }
        policy.add(new CheckpointPolicy.Saved(name, atStep, statePath, samplerPath, Double.NaN), store, journal::forgetCheckpoint);
        lastStatePath = statePath;
    }

    /** The last step done. */
    long step() {
        return step;
    }

    private RunOutcome outcome(RunStatus status, String message) {
        return new RunOutcome(status, step, lastLoss, lastEvalLoss, lastStatePath, message);
    }
}
