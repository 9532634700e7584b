package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.whetstone.engine.EngineVersion;
import dev.whetstone.engine.checkpoint.TinkerPath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code run.json} records about how a run began, written once when it starts: the engine, the data's
 * size, and the SHA-256 of every input file, so the run can be reproduced and a resume can warn when an
 * input changed.
 *
 * @param engineVersion      the engine build that started it ({@link EngineVersion})
 * @param trainExamples      training examples after the validation split (pairs for DPO, prompts for GRPO)
 * @param validationExamples held-out examples (the validation split, or a DPO or GRPO run's held-out file)
 * @param truncatedExamples  training examples cut to the maximum length
 * @param created            when it started
 * @param branchedFrom       the checkpoint a branch started from, or null
 * @param branchedAtStep     that checkpoint's step, or null
 * @param inputs             the fingerprinted input files (empty in runs written before they were recorded)
 */
public record RunCard(@JsonProperty("engine_version") String engineVersion,
                      @JsonProperty("train_examples") int trainExamples,
                      @JsonProperty("validation_examples") int validationExamples,
                      @JsonProperty("truncated_examples") long truncatedExamples,
                      Instant created,
                      @JsonProperty("branched_from") @JsonInclude(JsonInclude.Include.NON_NULL) TinkerPath branchedFrom,
                      @JsonProperty("branched_at_step") @JsonInclude(JsonInclude.Include.NON_NULL) Long branchedAtStep,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RunInput> inputs) {
    public RunCard {
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(created, "created");
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /** The card of a new run on {@code data} from {@code inputs}, now, by this engine. */
    public static RunCard of(TrainingData data, List<RunInput> inputs) {
        return new RunCard(EngineVersion.current(), data.examples(), data.heldoutExamples(),
                data.truncatedExamples(), Instant.now(), null, null, inputs);
    }

    /** This card for a branch from {@code checkpoint} at {@code step}. */
    public RunCard branchedFrom(TinkerPath checkpoint, long step) {
        return new RunCard(engineVersion, trainExamples, validationExamples, truncatedExamples, created, checkpoint, step, inputs);
    }
}
