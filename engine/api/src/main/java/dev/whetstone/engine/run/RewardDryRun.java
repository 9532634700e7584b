package dev.whetstone.engine.run;

import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.data.ChatRenderer;
import dev.whetstone.engine.data.RenderedPrompt;
import dev.whetstone.engine.rl.GroupSampler;
import dev.whetstone.engine.rl.ScoredGroup;
import java.util.List;

/**
 * A GRPO run's reward tried before the run: a group of completions of the first few training prompts, sampled from the
 * weights the run would start with (the base model, or its {@code fromCheckpoint}) exactly as its first step samples,
 * and scored by its reward. It shows what the reward makes of real completions, and that a reward program runs, before
 * anything is trained.
 *
 * <p>Example: {@code List<ScoredGroup> groups = new RewardDryRun(service).run(config, loaded.data(), 3);}
 */
public final class RewardDryRun {
    private final ServiceClient service;

    public RewardDryRun(ServiceClient service) {
        this.service = service;
    }

    /**
     * Samples and scores {@code prompts} of {@code data}'s training prompts (fewer when there are fewer).
     *
     * @throws dev.whetstone.engine.reward.RewardException when the reward cannot be computed (the message says why)
     * @throws IllegalArgumentException when {@code config} is not a GRPO run
     */
    public List<ScoredGroup> run(TrainingConfig config, TrainingData data, int prompts) {
        if (config.grpo() == null || !(data.method() instanceof MethodData.Prompts all)) {
            throw new IllegalArgumentException("a reward dry run needs a GRPO config and its prompts");
        }
        List<RenderedPrompt> first = all.train().subList(0, Math.min(prompts, all.train().size()));
        SamplingClient policy = service.createSamplingClient(startingWeights(config));
        try {
            Tokenizer tokenizer = policy.getTokenizer();
            GrpoSettings grpo = config.grpo();
            GroupSampler sampler = new GroupSampler(tokenizer, ChatRenderer.of(tokenizer).stopTokenIds(), grpo.groupSize(),
                    grpo.maxTokens(), grpo.temperature(), config.maxLength());
            return sampler.sample(policy, first, config.seed() * 1_000_003L, grpo.toReward());
        } finally {
            RunLoop.release(policy);
        }
    }

    /** The base model, or the sampler weights of the checkpoint the run starts from. */
    static String startingWeights(TrainingConfig config) {
        String from = config.fromCheckpoint();
        if (from == null) {
            return config.baseModel();
        }
        if (from.startsWith("tinker://")) {
            TinkerPath path = TinkerPath.parse(from);
            return new TinkerPath(path.runId(), TinkerPath.Kind.SAMPLER_WEIGHTS, path.name()).toString();
        }
        return from;
    }
}
