package dev.whetstone.app.wizard;

import dev.whetstone.app.fx.HumanNames;
import dev.whetstone.app.fx.Plural;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The Review step: the config about to run, the estimates, and the run card (what, on what, how) as a
 * person reads it before pressing Start.
 *
 * @param config   the run's config
 * @param estimate memory and time per epoch
 * @param card     the run card's lines
 */
public record Review(TrainingConfig config, TrainingEstimate estimate, String card) {

    public Review {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(card, "card");
    }

    static Review of(ModelEntry model, TrainingConfig config, TrainingDataLoader.Loaded data) {
        TrainingEstimate estimate = TrainingEstimate.of(model.config(), config, data.data());
        int examples = data.data().examples();
        String card = String.join("\n",
                "Model        " + model.name() + " (" + HumanNames.architecture(model.config().architecture()) + ")",
                "Data         " + Path.of(config.dataset()).getFileName() + " · " + examples + " train / "
                        + Plural.of(data.data().heldoutExamples(), "validation example") + " ("
                        + HumanNames.format(data.format()) + ")",
                trainsOn(config, data),
                method(config),
                "Optimizer    AdamW · lr " + String.format(Locale.ROOT, "%.1e", config.adam().learningRate()) + " · cosine, "
                        + Plural.of(config.schedule().warmupFor(config.totalSteps(examples)), "warm-up step"),
                "Schedule     " + schedule(config, examples),
                "Cadence      " + every("eval", config.evalEvery()) + " · " + every("checkpoint", config.saveEvery())
                        + " · keep last " + config.keepLast() + " · seed " + config.seed(),
                "Held out     " + (config.evalExactMatchFile() == null ? "none"
                        : Path.of(config.evalExactMatchFile()).getFileName() + " · exact match at step 0, "
                        + (config.evalEvery() > 0 ? "every " + Plural.of(config.evalEvery(), "step") + " " : "") + "and at the end"),
                "Memory       " + estimate.memoryText(),
                "Per epoch    " + Plural.of(estimate.stepsPerEpoch(), "step") + " · " + Plural.of(estimate.tokensPerEpoch(), "token")
                        + " · " + estimate.timeText());
        if (config.objective() != TrainingConfig.Objective.SFT) {
            card = card + "\n" + heldout(config, data) + "\nStarts from  " + (config.fromCheckpoint() == null
                    ? "the base model" : config.fromCheckpoint());
        }
        return new Review(config, estimate, card);
    }

    private static String trainsOn(TrainingConfig config, TrainingDataLoader.Loaded data) {
        return switch (config.objective()) {
            case SFT -> "Trains on    " + HumanNames.trainOn(config.trainOn()) + " · max length " + Plural.of(config.maxLength(), "token")
                    + " · " + data.data().truncatedExamples() + " truncated";
            case DPO -> "Trains on    each pair's two replies (chosen up, rejected down) · max length " + Plural.of(config.maxLength(), "token")
                    + " · " + data.data().truncatedExamples() + " pairs truncated";
            case GRPO -> "Trains on    completions sampled from the policy · prompt + completion within " + Plural.of(config.maxLength(), "token");
        };
    }

    private static String method(TrainingConfig config) {
        String lora = "LoRA rank " + config.lora().rank() + " · alpha " + fmt(config.lora().alpha());
        return switch (config.objective()) {
            case SFT -> "Method       " + lora;
            case DPO -> "Method       DPO (" + config.dpo().loss() + ", β " + fmt(config.dpo().beta()) + ") against the starting "
                    + "weights · " + lora;
            case GRPO -> "Method       GRPO · reward " + (config.grpo().reward() != null ? config.grpo().reward()
                    : "program `" + config.grpo().rewardCommand() + "`") + " · " + config.grpo().groupSize() + " per prompt · ≤ "
                    + config.grpo().maxTokens() + " tokens at temperature " + fmt(config.grpo().temperature()) + " · "
                    + config.grpo().lossFn() + " · " + lora;
        };
    }

    private static String heldout(TrainingConfig config, TrainingDataLoader.Loaded data) {
        String file = config.dpo() != null ? config.dpo().heldoutFile() : config.grpo().heldoutFile();
        String what = config.dpo() != null ? "preference accuracy" : "mean reward";
        return "Scores       " + what + " on " + data.data().heldoutExamples() + " held-out "
                + (config.dpo() != null ? "pairs" : "prompts") + " (" + (file == null ? "the validation split" : Path.of(file).getFileName())
                + ") at step 0, every " + config.evalEvery() + " steps and at the end";
    }

    /**
     * What the run will do, as the supervisor counts it: a step count, when set, decides the length and the
     * epochs follow from it ({@code "100 steps of batch 8 ≈ 4 epochs of 200 examples"}); otherwise the epochs
     * do ({@code "3 epochs of 200 examples, batch 8 = 75 steps"}).
     */
    static String schedule(TrainingConfig config, int examples) {
        long steps = config.totalSteps(examples);
        if (config.steps() == null) {
            return Plural.of(config.epochs(), "epoch") + " of " + Plural.of(examples, "example") + ", batch "
                    + config.batchSize() + " = " + Plural.of(steps, "step");
        }
        double epochs = examples == 0 ? 0 : (double) steps * config.batchSize() / examples;
        String passes = epochs == Math.rint(epochs) ? Plural.of((long) epochs, "epoch")
                : String.format(Locale.ROOT, "%.1f epochs", epochs);
        return Plural.of(steps, "step") + " of batch " + config.batchSize() + " ≈ " + passes + " of "
                + Plural.of(examples, "example");
    }

    /** "eval every 25 steps", "checkpoint only at the end". */
    private static String every(String what, int steps) {
        return steps == 0 ? what + " only at the end" : what + " every " + Plural.of(steps, "step");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
