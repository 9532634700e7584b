package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.whetstone.engine.checkpoint.TinkerPath;
import java.util.Objects;

/**
 * One line of a run's {@code checkpoints.jsonl}: a complete checkpoint and the loop state to resume from it,
 * {@code {"name": "000040", "step": 40, "epoch": 1, "state_path": "tinker://r1/weights/000040",
 * "sampler_path": "tinker://r1/sampler_weights/000040", "eval_loss": 1.92, "data_seed": 42}}.
 *
 * @param name        the checkpoint's name ({@code 000040}, {@code final}, {@code stopped-000013})
 * @param step        optimizer steps done when it was saved
 * @param epoch       the epoch of the last step's batch
 * @param statePath   the training state (weights and optimizer)
 * @param samplerPath the sampler weights saved beside it, or null
 * @param evalLoss    the last evaluation loss before it, or null
 * @param dataSeed    the seed of the data order, so a resume replays the same batches
 */
public record CheckpointLine(String name, long step, long epoch, @JsonProperty("state_path") TinkerPath statePath,
                             @JsonProperty("sampler_path") TinkerPath samplerPath,
                             @JsonProperty("eval_loss") Double evalLoss, @JsonProperty("data_seed") long dataSeed) {
    public CheckpointLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(statePath, "statePath");
    }
}
