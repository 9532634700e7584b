package dev.whetstone.engine.run;

/**
 * How a run ended.
 *
 * @param status        completed, diverged (finished after a divergence), stopped, early_stopped or failed
 * @param steps         optimizer steps done
 * @param finalLoss     the last step's mean NLL per trained token
 * @param finalEvalLoss the last evaluation's loss, or null
 * @param finalCheckpoint the {@code tinker://} path of the last training checkpoint, or null
 * @param message       for failures: what went wrong and what to do
 */
public record RunOutcome(RunStatus status, long steps, double finalLoss, Double finalEvalLoss, String finalCheckpoint,
                         String message) {
}
