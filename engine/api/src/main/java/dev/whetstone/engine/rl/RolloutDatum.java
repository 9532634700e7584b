package dev.whetstone.engine.rl;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.TensorData;
import java.util.Map;

/**
 * One sampled completion as a datum for {@code importance_sampling} or {@code ppo} (tinker-cookbook's RL datum):
 * input {@code prompt + completion[:-1]}, targets the next tokens; the prompt's positions carry logprob 0 and
 * advantage 0 (they add nothing), the completion's carry the sampler's logprobs and the completion's advantage.
 */
public final class RolloutDatum {

    private RolloutDatum() {
    }

    /** The datum of {@code completion}, sampled after {@code prompt}, with {@code advantage} on each of its tokens. */
    public static Datum of(ModelInput prompt, SampledSequence completion, float advantage) {
        int[] promptTokens = prompt.toInts();
        int[] sampled = completion.tokenArray();
        if (sampled.length == 0) {
            throw new IllegalArgumentException("a completion needs at least one token");
        }
        int n = promptTokens.length + sampled.length - 1;
        int[] input = new int[n];
        long[] targets = new long[n];
        float[] logprobs = new float[n];
        float[] advantages = new float[n];
        for (int i = 0; i < n; i++) {
            input[i] = i < promptTokens.length ? promptTokens[i] : sampled[i - promptTokens.length];
            int next = i + 1;
            targets[i] = next < promptTokens.length ? promptTokens[next] : sampled[next - promptTokens.length];
            if (next >= promptTokens.length) {
                logprobs[i] = completion.logprobs().get(next - promptTokens.length).floatValue();
                advantages[i] = advantage;
            }
        }
        return new Datum(ModelInput.fromInts(input), Map.of(
                "target_tokens", TensorData.ofLongs(targets),
                "logprobs", TensorData.ofFloats(logprobs),
                "advantages", TensorData.ofFloats(advantages)));
    }
}
