package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunOutcome;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreferences;
import dev.whetstone.resources.starter.StarterPreset;
import dev.whetstone.resources.starter.StarterSkill;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whetstone starter}: installs the bundled starter model and a skill dataset, and runs the starter preset
 * (the wizard's default starter run) through the run supervisor, which scores held-out exact match at step 0
 * (the base), during training and at the end; the last line is the JSON of CLI.md, read from the run's metrics.
 */
@Command(name = "starter", mixinStandardHelpOptions = true, description = "Fine-tune the bundled starter model on its bundled skill dataset, offline, "
        + "and print the held-out metric before and after.")
final class StarterCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Mixin
    EngineChoiceMixin engineChoice;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--steps", description = "Optimizer steps (default " + StarterPreset.STEPS + ").")
    Integer steps;

    @Option(names = "--lr", description = "Peak learning rate (default " + StarterPreset.LEARNING_RATE + ").")
    Double lr;

    @Option(names = "--skill", description = "word-kind or word-count (default word-kind).")
    String skill = StarterSkill.WORD_KIND.folder();

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id (default: generated).")
    String runId;

    @Option(names = "--method", paramLabel = "sft|dpo|grpo", description = "sft (default); dpo on preference pairs made from the "
            + "skill (right reply chosen, another rejected), scored by held-out preference accuracy; grpo with the exact-match "
            + "reward after a short SFT warm start, scored by the held-out mean reward.")
    String method = "sft";

    @Override
    public Integer call() {
        long start = System.nanoTime();
        EngineOptions options = engine.toOptions();
        if (options.threads() == 0) {
            // one native thread per core: libtorch's default oversubscribes a busy 2-core machine
            options = new EngineOptions(options.home(), options.device(), Runtime.getRuntime().availableProcessors());
        }
        PrintWriter out = spec.commandLine().getOut();
        StarterSkill chosen = skill();
        Path model = StarterKit.installModel(options.home());
        StarterKit.SkillFiles files = StarterKit.installDataset(options.home(), chosen);
        TrainingConfig.Objective objective = TrainingConfig.Objective.of(method);
        TrainingConfig config = switch (objective) {
            case SFT -> StarterPreset.config(model.toString(), files);
            case DPO -> StarterPreset.dpoConfig(model.toString(), StarterPreferences.install(options.home(), chosen));
            case GRPO -> StarterPreset.grpoConfig(model.toString(), files, warmStart(options, model, files, out));
        };
        config = config.withRunId(runId);
        if (lr != null) {
            config = config.withOptimizer(config.schedule(), config.adam().withLearningRate(lr));
        }
        if (steps != null) {
            config = config.withBatching(config.batchSize(), config.epochs(), steps);
        }
        TrainingDataLoader.Loaded loaded;
        try (HfTokenizer tokenizer = HfTokenizer.load(model, StarterKit.MODEL_NAME)) {
            loaded = TrainingDataLoader.load(config, tokenizer);
        }
        out.printf("starter model %s, skill %s: %d training and %d held-out examples%n", model, chosen.folder(),
                loaded.data().examples(), files.heldoutItems().size());
        try (ServiceClient service = engineChoice.open(options)) {
            RunHandle run = new RunSupervisor(service, options.home()).start(config, loaded.data());
            out.println("run " + run.runId() + " in " + run.dir());
            RunOutcome outcome = new RunProgress(out, System.console() != null, config.totalSteps(loaded.data().examples()))
                    .follow(run);
            if (TrainCommand.exitCode(outcome) != 0) {
                return TrainCommand.exitCode(outcome);
            }
            String key = switch (objective) {
                case SFT -> ExactMatchEvaluator.METRIC;
                case DPO -> "eval/preference_accuracy";
                case GRPO -> "eval/reward_mean";
            };
            String name = objective == TrainingConfig.Objective.SFT ? chosen.metricName()
                    : chosen.folder() + "/" + key.substring("eval/".length());
            List<MetricsLine.Score> scores = RunJournal.scores(run.dir(), key);
            double before = scores.get(0).value();
            double after = scores.get(scores.size() - 1).value();
            out.printf(Locale.ROOT, "%s before: %.3f, after: %.3f%n", name, before, after);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "{\"metric\": \"%s\", \"before\": %.4f, \"after\": %.4f, \"seconds\": %.1f}%n",
                    name, before, after, seconds);
            return 0;
        }
    }

    /** GRPO's SFT warm start (the base never answers exactly, so no group would have a signal); its final checkpoint. */
    private static String warmStart(EngineOptions options, Path model, StarterKit.SkillFiles files, PrintWriter out) {
        TrainingConfig sft = StarterPreset.config(model.toString(), files.train().toString())
                .withBatching(StarterPreset.BATCH_SIZE, 1, StarterPreset.GRPO_WARM_START_STEPS);
        try (HfTokenizer tokenizer = HfTokenizer.load(model, StarterKit.MODEL_NAME);
             ServiceClient service = ServiceClient.local(options)) {
            RunHandle run = new RunSupervisor(service, options.home()).start(sft, TrainingDataLoader.load(sft, tokenizer).data());
            out.println("warm start: SFT run " + run.runId() + ", " + StarterPreset.GRPO_WARM_START_STEPS + " steps");
            RunOutcome outcome = run.completion().join();
            if (outcome.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("the SFT warm start ended " + outcome.status() + ": " + outcome.message());
            }
            return outcome.finalCheckpoint();
        }
    }

    private StarterSkill skill() {
        for (StarterSkill s : StarterSkill.values()) {
            if (s.folder().equals(skill)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--skill must be word-kind or word-count, was " + skill);
    }
}
