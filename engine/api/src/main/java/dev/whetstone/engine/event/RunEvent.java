package dev.whetstone.engine.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something that happened in a run, as one line of {@code events.jsonl} (with {@code seq}, {@code time}
 * and {@code type}). Listeners dispatch with {@code instanceof} patterns.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunEvent.RunStarted.class, name = "run_started"),
    @JsonSubTypes.Type(value = RunEvent.RunResumed.class, name = "run_resumed"),
    @JsonSubTypes.Type(value = RunEvent.EvalCompleted.class, name = "eval_completed"),
    @JsonSubTypes.Type(value = RunEvent.CheckpointSaved.class, name = "checkpoint_saved"),
    @JsonSubTypes.Type(value = RunEvent.CheckpointDeleted.class, name = "checkpoint_deleted"),
    @JsonSubTypes.Type(value = RunEvent.RunPaused.class, name = "run_paused"),
    @JsonSubTypes.Type(value = RunEvent.RunUnpaused.class, name = "run_unpaused"),
    @JsonSubTypes.Type(value = RunEvent.DivergenceDetected.class, name = "divergence_detected"),
    @JsonSubTypes.Type(value = RunEvent.RolledBack.class, name = "rolled_back"),
    @JsonSubTypes.Type(value = RunEvent.EarlyStopped.class, name = "early_stopped"),
    @JsonSubTypes.Type(value = RunEvent.RunCompleted.class, name = "run_completed"),
    @JsonSubTypes.Type(value = RunEvent.RunStopped.class, name = "run_stopped"),
    @JsonSubTypes.Type(value = RunEvent.RunFailed.class, name = "run_failed"),
    @JsonSubTypes.Type(value = RunEvent.MetricEvaluated.class, name = "metric_evaluated"),
    @JsonSubTypes.Type(value = RunEvent.InputChanged.class, name = "input_changed"),
    @JsonSubTypes.Type(value = RunEvent.EngineLost.class, name = "engine_lost"),
})
public sealed interface RunEvent {

    /** The run began: its size and where it trains. */
    record RunStarted(String runId, String baseModel, long totalSteps, int trainExamples, int validationExamples,
                      long truncatedExamples) implements RunEvent {
    }

    /** The run continued from a checkpoint (after a crash, a stop or an extension). */
    record RunResumed(long fromStep, String checkpoint, long totalSteps) implements RunEvent {
    }

    /** Mean NLL per trained token on the validation split. */
    record EvalCompleted(long step, double evalLoss) implements RunEvent {
    }

    /** A complete checkpoint. */
    record CheckpointSaved(long step, String name, String statePath, String samplerPath) implements RunEvent {
    }

    /** A checkpoint removed by the retention policy. */
    record CheckpointDeleted(String name, String reason) implements RunEvent {
    }

    /** The loop waits for resume; {@code reason} says why (user, divergence guard). */
    record RunPaused(long step, String reason) implements RunEvent {
    }

    /** The loop runs again. */
    record RunUnpaused(long step) implements RunEvent {
    }

    /** The divergence guard saw a non-finite or spiking value; {@code suggestion} says what to try. */
    record DivergenceDetected(long step, String what, double value, String suggestion) implements RunEvent {
    }

    /** Weights and optimizer state were restored from a checkpoint. */
    record RolledBack(long toStep, String checkpoint) implements RunEvent {
    }

    /** Evaluation stopped improving for the configured patience. */
    record EarlyStopped(long step, double bestEvalLoss) implements RunEvent {
    }

    /** The run reached its last step. A run that ever diverged ends with {@code diverged = true}, never as a clean completion. */
    record RunCompleted(long steps, Double finalEvalLoss, boolean diverged) implements RunEvent {
    }

    /** Stopped by the user, with or without a final checkpoint. */
    record RunStopped(long step, boolean saved) implements RunEvent {
    }

    /** Ended by an error; the message says what to do. */
    record RunFailed(long step, String message) implements RunEvent {
    }

    /** A metric scored on held-out data, e.g. {@code eval/exact_match} 0.85 at step 40 (step 0 is the base model). */
    record MetricEvaluated(long step, String name, double value) implements RunEvent {
    }

    /**
     * A resume found an input file (dataset, chat template, tokenizer, model config or weights) not as the run card
     * recorded it; the run goes on with the file as it is now.
     *
     * @param role          the input's role in the run card ({@code dataset}, {@code chat_template}, …)
     * @param path          the file
     * @param recordedSha256 its SHA-256 when the run began
     * @param currentSha256 its SHA-256 now, or null when it is gone
     * @param message       what changed, for people
     */
    record InputChanged(String role, String path, String recordedSha256, String currentSha256, String message)
            implements RunEvent {
    }

    /**
     * The engine training the run went away (its process was killed, crashed or ran out of memory); when
     * {@code restarting}, a new engine is starting and the run resumes from its last complete checkpoint, which a
     * {@link RunResumed} event then records.
     *
     * @param step    the last step the journal recorded
     * @param message what happened to the engine, for people
     */
    record EngineLost(long step, String message, boolean restarting) implements RunEvent {
    }
}
