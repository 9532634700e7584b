package dev.whetstone.app.wizard;

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
                "Model        " + model.name() + " (" + model.config().architecture() + ")",
                "Data         " + Path.of(config.dataset()).getFileName() + " · " + examples + " train / "
                        + data.data().heldoutExamples() + " validation examples (" + data.format() + ")",
                trainsOn(config, data),
                method(config),
                "Optimizer    AdamW · lr " + String.format(Locale.ROOT, "%.1e", config.adam().learningRate()) + " · cosine, "
                        + config.schedule().warmupSteps() + " warm-up steps",
                "Schedule     " + config.epochs() + " epochs · batch " + config.batchSize() + " · "
                        + config.totalSteps(examples) + " steps",
                "Cadence      eval every " + config.evalEvery() + " · checkpoint every " + config.saveEvery()
                        + " · keep last " + config.keepLast() + " · seed " + config.seed(),
                "Held out     " + (config.evalExactMatchFile() == null ? "none"
                        : Path.of(config.evalExactMatchFile()).getFileName() + " · exact match at step 0, every "
                        + config.evalEvery() + " steps and at the end"),
                "Memory       " + estimate.memoryText(),
                "Per epoch    " + estimate.stepsPerEpoch() + " steps · " + estimate.tokensPerEpoch() + " tokens · "
                        + estimate.timeText());
        if (config.objective() != TrainingConfig.Objective.SFT) {
            card = card + "\n" + heldout(config, data) + "\nStarts from  " + (config.fromCheckpoint() == null
                    ? "the base model" : config.fromCheckpoint());
        }
        return new Review(config, estimate, card);
    }

    private static String trainsOn(TrainingConfig config, TrainingDataLoader.Loaded data) {
        return switch (config.objective()) {
            case SFT -> "Trains on    " + config.trainOn().id() + " · max length " + config.maxLength() + " tokens · "
                    + data.data().truncatedExamples() + " truncated";
            case DPO -> "Trains on    each pair's two replies (chosen up, rejected down) · max length " + config.maxLength()
                    + " tokens · " + data.data().truncatedExamples() + " pairs truncated";
            case GRPO -> "Trains on    completions sampled from the policy · prompt + completion within " + config.maxLength() + " tokens";
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

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
