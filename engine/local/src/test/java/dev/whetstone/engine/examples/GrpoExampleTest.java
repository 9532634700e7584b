package dev.whetstone.engine.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's GRPO loop on the golden tiny model (V = 128): the mean reward rises. */
class GrpoExampleTest {
    private static final String MODEL = Path.of("src/test/resources/golden/qwen3_tied/model").toAbsolutePath().toString();

    @Test
    void grpoLoopRaisesTheMeanReward(@TempDir Path home) {
        GrpoExample.Settings settings = new GrpoExample.Settings(
                List.of(ModelInput.fromInts(33, 44, 92), ModelInput.fromInts(15, 63, 78, 9)), 8, 8, 12, 2e-2, 1);
        List<Double> rewards;
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
             TrainingClient training = service.createLoraTrainingClient(MODEL, LoraConfig.ofRank(8).withSeed(1L))) {
            rewards = new GrpoExample(training, settings, GrpoExample.fractionOf(7)).run();
        }
        System.out.println("GRPO mean rewards: " + rewards);
        // token 7 starts near 1/128 of the draws; by the last iterations most draws are 7
        double first = rewards.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = rewards.subList(9, 12).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(first).isLessThan(0.1);
        assertThat(last).isGreaterThan(first + 0.5);
    }
}
