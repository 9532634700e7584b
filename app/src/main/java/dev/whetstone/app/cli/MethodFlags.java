package dev.whetstone.app.cli;

import dev.whetstone.engine.run.DpoSettings;
import dev.whetstone.engine.run.GrpoSettings;
import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;

/**
 * {@code train}'s method flags applied to a config: {@code --method} picks SFT, DPO or GRPO (default: the base
 * config's, SFT for a new run); the DPO and GRPO flags change that method's settings and are refused with another.
 */
final class MethodFlags {
    private final TrainingConfig base;

    MethodFlags(TrainingConfig base) {
        this.base = base;
    }

    TrainingConfig apply(TrainCommand flags) {
        TrainingConfig.Objective objective = flags.method != null ? TrainingConfig.Objective.of(flags.method) : base.objective();
        refuseOthers(objective, flags);
        return switch (objective) {
            case SFT -> base.withDpo(null).withGrpo(null);
            case DPO -> base.withDpo(dpo(flags));
            case GRPO -> base.withGrpo(grpo(flags));
        };
    }

    private DpoSettings dpo(TrainCommand flags) {
        DpoSettings s = base.dpo() != null ? base.dpo() : DpoSettings.defaults();
        if (flags.beta != null) {
            s = s.withBeta(flags.beta);
        }
        if (flags.dpoLoss != null) {
            s = s.withLoss(flags.dpoLoss);
        }
        return flags.heldout != null ? s.withHeldoutFile(absolute(flags.heldout)) : s;
    }

    private GrpoSettings grpo(TrainCommand flags) {
        GrpoSettings s = base.grpo();
        if (s == null) {
            if (flags.reward == null && flags.rewardCommand == null) {
                throw new IllegalArgumentException("--method grpo needs a reward: --reward exact-match:FIELD (or numeric:FIELD, "
                        + "regex:PATTERN, json, length:MIN-MAX) or --reward-command CMD");
            }
            s = flags.reward != null ? GrpoSettings.defaults(flags.reward) : GrpoSettings.defaultsWithCommand(flags.rewardCommand);
        }
        if (flags.reward != null && flags.rewardCommand != null) {
            throw new IllegalArgumentException("give --reward or --reward-command, not both");
        }
        if (flags.reward != null) {
            s = s.withReward(flags.reward);
        } else if (flags.rewardCommand != null) {
            s = s.withRewardCommand(flags.rewardCommand);
        }
        s = s.withSampling(flags.groupSize != null ? flags.groupSize : s.groupSize(),
                flags.maxTokens != null ? flags.maxTokens : s.maxTokens(), flags.temperature != null ? flags.temperature : s.temperature());
        if (flags.rewardTimeout != null) {
            s = s.withRewardTimeoutSeconds(flags.rewardTimeout);
        }
        if (flags.normalizeStd) {
            s = s.withNormalizeStd(true);
        }
        if (flags.rlLoss != null) {
            s = s.withLossFn(flags.rlLoss);
        }
        return flags.heldout != null ? s.withHeldoutFile(absolute(flags.heldout)) : s;
    }

    private static void refuseOthers(TrainingConfig.Objective objective, TrainCommand flags) {
        if (objective != TrainingConfig.Objective.DPO && (flags.beta != null || flags.dpoLoss != null)) {
            throw new IllegalArgumentException("--beta and --dpo-loss are DPO settings: add --method dpo");
        }
        if (objective != TrainingConfig.Objective.GRPO && (flags.reward != null || flags.rewardCommand != null
                || flags.rewardTimeout != null || flags.groupSize != null || flags.maxTokens != null || flags.temperature != null
                || flags.normalizeStd || flags.rlLoss != null)) {
            throw new IllegalArgumentException("--reward, --reward-command, --reward-timeout, --group-size, --max-tokens, "
                    + "--temperature, --normalize-std and --rl-loss are GRPO settings: add --method grpo");
        }
        if (objective == TrainingConfig.Objective.SFT && flags.heldout != null) {
            throw new IllegalArgumentException("--heldout is for DPO and GRPO; an SFT run holds out --validation (and scores "
                    + "--eval-exact-match)");
        }
    }

    private static String absolute(Path file) {
        return file.toAbsolutePath().toString();
    }
}
