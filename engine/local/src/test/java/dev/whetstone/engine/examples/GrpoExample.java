package dev.whetstone.engine.examples;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TrainingClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;

/**
 * A GRPO-style RL loop on the Tinker API, the way tinker-cookbook's RL recipes run it: each iteration
 * snapshots the policy into a sampler, draws a group of completions per prompt, scores them with a
 * programmatic reward, centres the rewards within each group (the advantage), and takes one
 * {@code importance_sampling} step on the sampled tokens with the sampler's logprobs.
 *
 * <p>Run it on any model folder:
 * {@code java -cp ... dev.whetstone.engine.examples.GrpoExample MODEL_DIR [TARGET_TOKEN]}; it prints the
 * mean reward of every iteration.
 */
public final class GrpoExample {

    /** What the loop does: prompts, group size, completion length, iterations and step size. */
    public record Settings(List<ModelInput> prompts, int groupSize, int completionTokens, int iterations,
                           double learningRate, long seed) {
        public Settings {
            prompts = List.copyOf(prompts);
            if (prompts.isEmpty() || groupSize < 2 || completionTokens < 1 || iterations < 1) {
                throw new IllegalArgumentException("need prompts, groupSize >= 2, completionTokens >= 1 and iterations >= 1");
            }
        }
    }

    private final TrainingClient training;
    private final Settings settings;
    private final ToDoubleFunction<int[]> reward;

    /** A loop training {@code training}'s adapter to raise {@code reward} (a completion's tokens → a score). */
    public GrpoExample(TrainingClient training, Settings settings, ToDoubleFunction<int[]> reward) {
        this.training = training;
        this.settings = settings;
        this.reward = reward;
    }

    /** The reward of {@code GrpoExampleTest}: the fraction of completion tokens equal to {@code target}. */
    public static ToDoubleFunction<int[]> fractionOf(int target) {
        return tokens -> {
            int hits = 0;
            for (int t : tokens) {
                hits += t == target ? 1 : 0;
            }
            return tokens.length == 0 ? 0 : (double) hits / tokens.length;
        };
    }

    /** Runs every iteration; returns the mean reward of the completions sampled in each. */
    public List<Double> run() {
        List<Double> meanRewards = new ArrayList<>();
        SamplingParams params = SamplingParams.defaults().withMaxTokens(settings.completionTokens()).withIgnoreEos(true);
        for (int iteration = 0; iteration < settings.iterations(); iteration++) {
            SamplingClient sampler = training.saveWeightsAndGetSamplingClient().join();   // the current policy
            List<CompletableFuture<SampleResponse>> groups = new ArrayList<>();
            for (ModelInput prompt : settings.prompts()) {
                groups.add(sampler.sample(prompt, settings.groupSize(), params.withSeed(settings.seed() * 1_000_003L + iteration)));
            }
            List<Datum> batch = new ArrayList<>();
            double rewardSum = 0;
            for (int p = 0; p < groups.size(); p++) {
                List<SampledSequence> group = groups.get(p).join().sequences();
                double[] rewards = group.stream().mapToDouble(s -> reward.applyAsDouble(s.tokenArray())).toArray();
                double mean = mean(rewards);
                rewardSum += mean;
                for (int i = 0; i < group.size(); i++) {
                    if (rewards[i] != mean) {            // a zero advantage teaches nothing
                        batch.add(datum(settings.prompts().get(p), group.get(i), (float) (rewards[i] - mean)));
                    }
                }
            }
            meanRewards.add(rewardSum / groups.size());
            if (!batch.isEmpty()) {
                var step = training.forwardBackward(batch, LossFn.IMPORTANCE_SAMPLING);
                var optim = training.optimStep(AdamParams.defaults().withLearningRate(settings.learningRate()));
                step.join();
                optim.join();
            }
        }
        return meanRewards;
    }

    /**
     * One importance-sampling datum: input {@code prompt + completion[:-1]}, targets the next tokens; the
     * prompt's positions carry logprob 0 and advantage 0 (they add nothing), the completion's carry the
     * sampler's logprobs and the group-centred advantage.
     */
    static Datum datum(ModelInput prompt, SampledSequence completion, float advantage) {
        int[] promptTokens = prompt.toInts();
        int[] sampled = completion.tokenArray();
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

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** {@code GrpoExample MODEL_DIR [TARGET_TOKEN]}: trains a rank-8 adapter to emit the target token. */
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "engine/local/src/test/resources/golden/qwen3_tied/model";
        int target = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Settings settings = new Settings(List.of(ModelInput.fromInts(33, 44, 92), ModelInput.fromInts(15, 63, 78, 9)),
                8, 8, 30, 2e-2, 1);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(Path.of("build/grpo-home")).build());
             TrainingClient training = service.createLoraTrainingClient(model, LoraConfig.ofRank(8).withSeed(1L))) {
            List<Double> rewards = new GrpoExample(training, settings, fractionOf(target)).run();
            for (int i = 0; i < rewards.size(); i++) {
                System.out.printf("iteration %2d  mean reward %.3f%n", i, rewards.get(i));
            }
        }
    }
}
