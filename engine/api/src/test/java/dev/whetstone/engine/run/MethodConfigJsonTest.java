package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DPO and GRPO settings in run.json; a supervised run's run.json has none of their fields. */
class MethodConfigJsonTest {

    @Test
    void aSupervisedRunJsonHasNoMethodFields(@TempDir Path dir) throws Exception {
        RunJournal.create(dir.resolve("r"), stored(TrainingConfig.defaults("m", "d.jsonl"))).close();
        JsonNode config = new ObjectMapper().readTree(dir.resolve("r/run.json").toFile()).get("config");
        assertThat(config.has("dpo")).isFalse();
        assertThat(config.has("grpo")).isFalse();
        assertThat(config.has("fromCheckpoint")).isFalse();
        assertThat(config.has("evalExactMatchFile")).as("an SFT field that is null stays as it was").isTrue();
        assertThat(RunJournal.readConfig(dir.resolve("r")).objective()).isEqualTo(TrainingConfig.Objective.SFT);
    }

    @Test
    void dpoAndGrpoConfigsSurviveRunJson(@TempDir Path dir) {
        TrainingConfig dpo = TrainingConfig.defaults("m", "p.jsonl").withDpo(DpoSettings.defaults().withBeta(0.2).withLoss("ipo"))
                .withFromCheckpoint("tinker://warm/weights/final");
        RunJournal.create(dir.resolve("dpo"), stored(dpo)).close();
        assertThat(RunJournal.readConfig(dir.resolve("dpo"))).isEqualTo(dpo);
        TrainingConfig grpo = TrainingConfig.defaults("m", "q.jsonl").withGrpo(GrpoSettings.defaultsWithCommand("python3 r.py")
                .withSampling(4, 16, 0.7).withNormalizeStd(true).withLossFn("ppo"));
        RunJournal.create(dir.resolve("grpo"), stored(grpo)).close();
        assertThat(RunJournal.readConfig(dir.resolve("grpo"))).isEqualTo(grpo);
        assertThat(RunJournal.readConfig(dir.resolve("grpo")).objective()).isEqualTo(TrainingConfig.Objective.GRPO);
    }

    @Test
    void badMethodSettingsNameTheValue() {
        assertThatThrownBy(() -> DpoSettings.defaults().withBeta(0)).hasMessage("beta must be > 0, was 0.0");
        assertThatThrownBy(() -> GrpoSettings.defaults("exact-match:answer").withSampling(1, 8, 1))
                .hasMessageContaining("groupSize must be >= 2");
        assertThatThrownBy(() -> GrpoSettings.defaults("exact-match:answer").withRewardCommand("cmd").withReward("json")
                .withLossFn("dro")).hasMessageContaining("importance_sampling or ppo");
        assertThat(TrainingConfig.defaults("m", "d").withDpo(DpoSettings.defaults()).withGrpo(GrpoSettings.defaults("json")).dpo())
                .as("a run is one method: GRPO replaces DPO").isNull();
    }

    private static StoredRun stored(TrainingConfig config) {
        return new StoredRun(config, new RunCard("0.1.0", 10, 1, 0, Instant.parse("2026-12-07T10:00:00Z"), null, null, List.of()));
    }
}
