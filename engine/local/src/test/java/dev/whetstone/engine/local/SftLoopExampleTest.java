package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.TrainingClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's SFT loop on a tiny model (learning rate 1e-2, so 20 steps suffice): the loss falls. */
class SftLoopExampleTest {

    @Test
    void readmeSftLoopLowersTheLoss(@TempDir Path home) {
        String model = GoldenCase.load("qwen3_tied").model().toString();
        List<Double> losses = new ArrayList<>();
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("auto").build());
             TrainingClient training = service.createLoraTrainingClient(model, LoraConfig.ofRank(16))) {
            Tokenizer tok = training.getTokenizer();
            int[] prompt = tok.encode("<|im_start|> user w1 w2 w3 <|im_end|> <|im_start|> assistant");
            int[] answer = tok.encode("w4 w5 <|im_end|>");
            int[] all = IntStream.concat(IntStream.of(prompt), IntStream.of(answer)).toArray();
            int n = all.length - 1;
            long[] targets = new long[n];
            float[] weights = new float[n];
            for (int i = 0; i < n; i++) {
                targets[i] = all[i + 1];
                weights[i] = i + 1 >= prompt.length ? 1f : 0f;
            }
            Datum datum = new Datum(ModelInput.fromInts(Arrays.copyOf(all, n)),
                    Map.of("target_tokens", TensorData.ofLongs(targets), "weights", TensorData.ofFloats(weights)));
            for (int step = 0; step < 20; step++) {
                var fb = training.forwardBackward(List.of(datum), LossFn.CROSS_ENTROPY);
                var opt = training.optimStep(AdamParams.defaults().withLearningRate(1e-2));
                losses.add(fb.join().metrics().get("loss:sum") / answer.length);
                opt.join();
            }
        }
        assertThat(losses.get(19)).isLessThan(losses.get(0) * 0.5);
    }
}
