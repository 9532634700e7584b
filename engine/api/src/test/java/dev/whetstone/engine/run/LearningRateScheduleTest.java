package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The warm-up is a share of the run, capped: short runs reach their peak, long runs warm up as before. */
class LearningRateScheduleTest {
    private static final double PEAK = 2e-4;

    @Test
    void theDefaultScheduleReachesItsPeakInATenStepRun() {
        LearningRateSchedule schedule = TrainingConfig.defaults("m", "d.jsonl").schedule();
        double highest = 0;
        for (int step = 0; step < 10; step++) {
            highest = Math.max(highest, schedule.at(step, 10, PEAK));
        }
        assertThat(highest).isEqualTo(PEAK);
    }

    @Test
    void theWarmUpIsATenthOfTheRunAtMostTenSteps() {
        LearningRateSchedule schedule = LearningRateSchedule.cosineWarmup(0.1, 10);
        assertThat(schedule.warmupFor(5)).isZero();
        assertThat(schedule.warmupFor(10)).isEqualTo(1);
        assertThat(schedule.warmupFor(50)).isEqualTo(5);
        assertThat(schedule.warmupFor(100)).isEqualTo(10);
        assertThat(schedule.warmupFor(10_000)).isEqualTo(10);
    }

    @Test
    void longRunsWarmUpExactlyAsTheFixedTenStepsDid() {
        LearningRateSchedule relative = LearningRateSchedule.cosineWarmup(0.1, 10);
        LearningRateSchedule fixed = LearningRateSchedule.cosine(10);
        for (long step = 0; step < 1000; step += 7) {
            assertThat(relative.at(step, 1000, PEAK)).isEqualTo(fixed.at(step, 1000, PEAK));
        }
    }

    @Test
    void aScheduleSavedBeforeTheFractionExistedKeepsItsFixedWarmUp() throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        LearningRateSchedule old = json.readValue("{\"kind\": \"COSINE\", \"warmupSteps\": 10, \"finalRatio\": 0.1}",
                LearningRateSchedule.class);
        assertThat(old.warmupFor(10)).isEqualTo(10);
        assertThat(json.writeValueAsString(old)).isEqualTo("{\"kind\":\"COSINE\",\"warmupSteps\":10,\"finalRatio\":0.1}");
        LearningRateSchedule saved = LearningRateSchedule.cosineWarmup(0.1, 10);
        assertThat(json.readValue(json.writeValueAsString(saved), LearningRateSchedule.class)).isEqualTo(saved);
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> LearningRateSchedule.cosineWarmup(1.5, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warmupFraction must be in [0, 1], was 1.5");
    }
}
