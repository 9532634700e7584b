package dev.whetstone.engine.run;

import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.reward.Reward;
import dev.whetstone.engine.reward.Rewards;
import java.time.Duration;
import java.util.Locale;

/**
 * A GRPO run's settings, part of {@link TrainingConfig}: each step samples {@code groupSize} completions of every
 * prompt in the batch from a snapshot of the current policy, scores them with the reward, takes each completion's
 * reward minus its group's mean (divided by the group's standard deviation when {@code normalizeStd}) as its
 * advantage, and updates with {@code lossFn} on the sampler's logprobs (tinker-cookbook's RL loop).
 *
 * <p>Example: {@code config.withGrpo(GrpoSettings.defaults("exact-match:answer"))}
 *
 * @param groupSize     completions per prompt, >= 2
 * @param maxTokens     longest completion, >= 1 (also bounded by the run's max length)
 * @param temperature   sampling temperature, > 0
 * @param reward        a built-in reward ({@link Rewards#parse}), or null when {@code rewardCommand} is given
 * @param rewardCommand the user's reward program (one JSON line per completion in, one number per line out), or null
 * @param rewardTimeoutSeconds the longest the program may take for one step's completions, > 0
 * @param normalizeStd  whether advantages are divided by the group's standard deviation
 * @param lossFn        {@code importance_sampling} or {@code ppo}
 * @param heldoutFile   prompts whose mean reward is scored at step 0, each evaluation and the end; null = the
 *                      validation split of the dataset
 */
public record GrpoSettings(int groupSize, int maxTokens, double temperature, String reward, String rewardCommand,
                           double rewardTimeoutSeconds, boolean normalizeStd, String lossFn, String heldoutFile) {

    public GrpoSettings {
        if (groupSize < 2) {
            throw new IllegalArgumentException("groupSize must be >= 2 (advantages compare completions of one prompt), was " + groupSize);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
        if ((reward == null) == (rewardCommand == null)) {
            throw new IllegalArgumentException("give a reward: a built-in (--reward, e.g. exact-match:answer) or a program"
                    + " (--reward-command), exactly one of them");
        }
        if (reward != null) {
            Rewards.parse(reward);
        } else if (rewardCommand.isBlank()) {
            throw new IllegalArgumentException("the reward command must not be blank");
        }
        if (!(rewardTimeoutSeconds > 0) || !Double.isFinite(rewardTimeoutSeconds)) {
            throw new IllegalArgumentException("rewardTimeoutSeconds must be > 0, was " + rewardTimeoutSeconds);
        }
        lossFn(lossFn);
        if (heldoutFile != null && heldoutFile.isBlank()) {
            throw new IllegalArgumentException("heldoutFile must be null or a path, was blank");
        }
    }

    /** A built-in reward with groups of 8, completions up to 64 tokens, temperature 1, importance sampling. */
    public static GrpoSettings defaults(String reward) {
        return new GrpoSettings(8, 64, 1.0, reward, null, 60, false, "importance_sampling", null);
    }

    /** As {@link #defaults(String)}, scored by the user's program {@code command}. */
    public static GrpoSettings defaultsWithCommand(String command) {
        return new GrpoSettings(8, 64, 1.0, null, command, 60, false, "importance_sampling", null);
    }

    /** This config scored by the program {@code command} instead of a built-in. */
    public GrpoSettings withRewardCommand(String command) {
        return new GrpoSettings(groupSize, maxTokens, temperature, null, command, rewardTimeoutSeconds, normalizeStd, lossFn, heldoutFile);
    }

    /** This config scored by the built-in {@code spec} instead of a program. */
    public GrpoSettings withReward(String spec) {
        return new GrpoSettings(groupSize, maxTokens, temperature, spec, null, rewardTimeoutSeconds, normalizeStd, lossFn, heldoutFile);
    }

    public GrpoSettings withSampling(int group, int tokens, double temp) {
        return new GrpoSettings(group, tokens, temp, reward, rewardCommand, rewardTimeoutSeconds, normalizeStd, lossFn, heldoutFile);
    }

    public GrpoSettings withRewardTimeoutSeconds(double v) {
        return new GrpoSettings(groupSize, maxTokens, temperature, reward, rewardCommand, v, normalizeStd, lossFn, heldoutFile);
    }

    public GrpoSettings withNormalizeStd(boolean v) {
        return new GrpoSettings(groupSize, maxTokens, temperature, reward, rewardCommand, rewardTimeoutSeconds, v, lossFn, heldoutFile);
    }

    public GrpoSettings withLossFn(String v) {
        return new GrpoSettings(groupSize, maxTokens, temperature, reward, rewardCommand, rewardTimeoutSeconds, normalizeStd, v, heldoutFile);
    }

    public GrpoSettings withHeldoutFile(String v) {
        return new GrpoSettings(groupSize, maxTokens, temperature, reward, rewardCommand, rewardTimeoutSeconds, normalizeStd, lossFn, v);
    }

    /** The reward these settings name. */
    public Reward toReward() {
        return reward != null ? Rewards.parse(reward)
                : Rewards.command(rewardCommand, Duration.ofMillis(Math.round(rewardTimeoutSeconds * 1000)));
    }

    /** The loss as the engine's enum. */
    public LossFn loss() {
        return lossFn(lossFn);
    }

    private static LossFn lossFn(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "importance_sampling" -> LossFn.IMPORTANCE_SAMPLING;
            case "ppo" -> LossFn.PPO;
            default -> throw new IllegalArgumentException("the GRPO loss must be importance_sampling or ppo, was '" + name + "'");
        };
    }
}
