package dev.whetstone.engine.run;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.data.ChatRenderer;
import dev.whetstone.engine.data.RenderedPrompt;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.reward.Reward;
import dev.whetstone.engine.rl.GroupAdvantages;
import dev.whetstone.engine.rl.GroupSampler;
import dev.whetstone.engine.rl.RolloutDatum;
import dev.whetstone.engine.rl.ScoredGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * GRPO (tinker-cookbook's RL loop): each step snapshots the policy, samples a group of completions for each prompt of
 * the batch, scores them with the reward, and takes one {@code importance_sampling} (or {@code ppo}) step on the
 * completions of every group with signal, with group-relative advantages and the sampler's logprobs. The step's line
 * carries the reward's mean and spread, the share of groups with no signal, the completion length and the KL between
 * sampler and learner; the held-out evaluation is the mean reward of a group per held-out prompt
 * ({@code eval/reward_mean}), sampled with fixed seeds so that evaluations compare.
 */
final class GrpoObjective implements RunObjective {
    static final String REWARD_MEAN = "eval/reward_mean";
    private static final long EVAL_SEED = 0x5EED_0F_E7A1L;
    private final TrainingConfig config;
    private final MethodData.Prompts prompts;
    private final RunJournal journal;
    private final TrainingClient client;
    private final Reward reward;
    private final GroupSampler sampler;

    GrpoObjective(TrainingConfig config, MethodData.Prompts prompts, RunJournal journal, TrainingClient client) {
        this.config = config;
        this.prompts = prompts;
        this.journal = journal;
        this.client = client;
        this.reward = config.grpo().toReward();
        GrpoSettings grpo = config.grpo();
        this.sampler = new GroupSampler(client.getTokenizer(), ChatRenderer.of(client.getTokenizer()).stopTokenIds(),
                grpo.groupSize(), grpo.maxTokens(), grpo.temperature(), config.maxLength());
    }

    @Override
    public StepResult step(long step, int[] examples, AdamParams adam) {
        List<RenderedPrompt> batch = new ArrayList<>(examples.length);
        for (int i : examples) {
            batch.add(prompts.train().get(i));
        }
        List<ScoredGroup> groups = sampleWithSnapshot(batch, config.seed() * 1_000_003L + step * 7919L);
        List<Datum> datums = new ArrayList<>();
        List<Integer> promptLengths = new ArrayList<>();
        double rewardSum = 0;
        double rewardSquares = 0;
        int completions = 0;
        long completionTokens = 0;
        int silent = 0;
        for (ScoredGroup group : groups) {
            double[] rewards = group.rewards();
            double[] advantages = GroupAdvantages.of(rewards, config.grpo().normalizeStd());
            silent += group.hasSignal() ? 0 : 1;
            for (int c = 0; c < rewards.length; c++) {
                SampledSequence completion = group.completions().get(c);
                rewardSum += rewards[c];
                rewardSquares += rewards[c] * rewards[c];
                completions++;
                completionTokens += completion.tokens().size();
                if (group.hasSignal() && !completion.tokens().isEmpty()) {
                    datums.add(RolloutDatum.of(group.prompt().input(), completion, (float) advantages[c]));
                    promptLengths.add(group.prompt().input().length());
                }
            }
        }
        double mean = rewardSum / completions;
        double std = Math.sqrt(Math.max(0, rewardSquares / completions - mean * mean));
        double noSignal = (double) silent / groups.size();
        double length = (double) completionTokens / completions;
        if (datums.isEmpty()) {
            // every group scored alike: nothing to learn from this batch, and no step is taken
            return new StepResult(0, 0, 0, false, t -> new MetricsLine.GrpoStep(t.step(), t.epoch(), 0, mean, std, noSignal,
                    length, 0, 0, t.lr(), 0, t.tokensPerS(), t.elapsedS(), t.etaS()));
        }
        var fb = client.forwardBackward(datums, config.grpo().loss());
        var opt = client.optimStep(adam);
        ForwardBackwardOutput out = fb.join();
        double gradNorm = opt.join().metrics().getOrDefault("grad_norm:mean", Double.NaN);
        double[] kl = klSampleTrain(datums, promptLengths, out);
        double loss = out.metrics().get("loss:sum") / Math.max(1, kl[2]);
        return new StepResult(loss, gradNorm, TrainingData.inputTokens(datums), false,
                t -> new MetricsLine.GrpoStep(t.step(), t.epoch(), loss, mean, std, noSignal, length, kl[0], kl[1], t.lr(),
                        gradNorm, t.tokensPerS(), t.elapsedS(), t.etaS()));
    }

    @Override
    public Double evaluate(long step) {
        if (prompts.heldout().isEmpty()) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (int start = 0; start < prompts.heldout().size(); start += config.batchSize()) {
            List<RenderedPrompt> batch = prompts.heldout().subList(start, Math.min(prompts.heldout().size(), start + config.batchSize()));
            for (ScoredGroup group : sampleWithSnapshot(batch, EVAL_SEED + start)) {
                for (double r : group.rewards()) {
                    sum += r;
                    n++;
                }
            }
        }
        double mean = sum / n;
        journal.metrics(new MetricsLine.Score(step, REWARD_MEAN, mean));
        journal.event(new RunEvent.MetricEvaluated(step, REWARD_MEAN, mean));
        return null;
    }

    @Override
    public String baseMetric() {
        return prompts.heldout().isEmpty() ? null : REWARD_MEAN;
    }

    private List<ScoredGroup> sampleWithSnapshot(List<RenderedPrompt> batch, long seed) {
        SamplingClient policy = client.saveWeightsAndGetSamplingClient().join();
        try {
            return sampler.sample(policy, batch, seed, reward);
        } finally {
            RunLoop.release(policy);
        }
    }

    /**
     * tinker-cookbook's {@code kl_sample_train_v1} (mean of sampler minus learner logprob over the completion tokens)
     * and {@code _v2} (half the mean squared difference), and the number of tokens counted.
     */
    private static double[] klSampleTrain(List<Datum> datums, List<Integer> promptLengths, ForwardBackwardOutput out) {
        double v1 = 0;
        double v2 = 0;
        long tokens = 0;
        for (int i = 0; i < datums.size(); i++) {
            float[] sampled = datums.get(i).input("logprobs").floats();
            TensorData learner = out.lossFnOutputs().get(i).get("logprobs");
            for (int t = promptLengths.get(i) - 1; t < sampled.length; t++) {   // the positions that predict completion tokens
                double diff = sampled[t] - learner.doubleAt(t);
                v1 += diff;
                v2 += diff * diff;
                tokens++;
            }
        }
        return new double[] {v1 / Math.max(1, tokens), 0.5 * v2 / Math.max(1, tokens), tokens};
    }
}
