package dev.whetstone.engine.rl;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.data.RenderedPrompt;
import dev.whetstone.engine.reward.Reward;
import dev.whetstone.engine.reward.RewardInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Samples a group of completions for each prompt and scores them: every prompt's request is submitted before any is
 * read, each with its own seed, stopping at the chat template's end-of-turn token and within the max length; then
 * one reward call scores every completion (a reward program starts once per call).
 *
 * <p>Example: {@code List<ScoredGroup> groups = sampler.sample(policy, prompts, seed, Rewards.parse("exact-match:answer"));}
 */
public final class GroupSampler {
    private final Tokenizer tokenizer;
    private final Set<Integer> stopTokens;
    private final int groupSize;
    private final int maxTokens;
    private final double temperature;
    private final int maxLength;

    /**
     * @param stopTokens the end-of-turn and EOS ids ({@code ChatRenderer.stopTokenIds()})
     * @param maxLength  prompt plus completion stay within this many tokens
     */
    public GroupSampler(Tokenizer tokenizer, Set<Integer> stopTokens, int groupSize, int maxTokens, double temperature,
                        int maxLength) {
        if (groupSize < 1 || maxTokens < 1 || !(temperature > 0) || maxLength < 2) {
            throw new IllegalArgumentException("need groupSize >= 1, maxTokens >= 1, temperature > 0 and maxLength >= 2, were "
                    + groupSize + ", " + maxTokens + ", " + temperature + ", " + maxLength);
        }
        this.tokenizer = tokenizer;
        this.stopTokens = Set.copyOf(stopTokens);
        this.groupSize = groupSize;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.maxLength = maxLength;
    }

    /**
     * One scored group per prompt, in order; prompt {@code i} is sampled with seed {@code seed + i}.
     *
     * @throws dev.whetstone.engine.reward.RewardException when the reward cannot be computed
     */
    public List<ScoredGroup> sample(SamplingClient policy, List<RenderedPrompt> prompts, long seed, Reward reward) {
        List<CompletableFuture<SampleResponse>> requests = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            ModelInput input = prompts.get(i).input();
            SamplingParams params = SamplingParams.defaults().withTemperature(temperature)
                    .withMaxTokens(Math.max(1, Math.min(maxTokens, maxLength - input.length())))
                    .withStopTokens(List.copyOf(stopTokens)).withSeed(seed + i);
            requests.add(policy.sample(input, groupSize, params));
        }
        List<List<SampledSequence>> sampled = new ArrayList<>(prompts.size());
        List<List<String>> texts = new ArrayList<>(prompts.size());
        List<RewardInput> inputs = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            List<SampledSequence> group = requests.get(i).join().sequences();
            List<String> groupTexts = new ArrayList<>(group.size());
            for (SampledSequence s : group) {
                String text = text(s);
                groupTexts.add(text);
                inputs.add(new RewardInput(prompts.get(i).fields(), text));
            }
            sampled.add(group);
            texts.add(groupTexts);
        }
        double[] rewards = reward.score(inputs);
        if (rewards.length != inputs.size()) {
            throw new IllegalStateException(reward.describe() + " gave " + rewards.length + " rewards for " + inputs.size() + " completions");
        }
        List<ScoredGroup> groups = new ArrayList<>(prompts.size());
        int at = 0;
        for (int i = 0; i < prompts.size(); i++) {
            int n = sampled.get(i).size();
            groups.add(new ScoredGroup(prompts.get(i), sampled.get(i), texts.get(i), Arrays.copyOfRange(rewards, at, at + n)));
            at += n;
        }
        return groups;
    }

    /** The completion's text, without the end-of-turn token it stopped on. */
    String text(SampledSequence sequence) {
        int[] tokens = sequence.tokenArray();
        int n = tokens.length;
        if (sequence.stopReason() == StopReason.STOP && n > 0 && stopTokens.contains(tokens[n - 1])) {
            n--;
        }
        return tokenizer.decode(Arrays.copyOf(tokens, n), true);
    }
}
