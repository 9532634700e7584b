package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What a run's {@code run.json} holds: {@code {"config": {...}, "run_card": {...}}}. The config changes when a
 * run is extended or resumed with another learning rate; the card never does.
 *
 * @param config  the run's configuration
 * @param runCard how it began
 */
public record StoredRun(TrainingConfig config, @JsonProperty("run_card") RunCard runCard) {
    public StoredRun {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(runCard, "runCard");
    }

    /** This run with {@code newConfig}, the same card. */
    public StoredRun withConfig(TrainingConfig newConfig) {
        return new StoredRun(newConfig, runCard);
    }
}
