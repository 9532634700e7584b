package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.eval.ExactMatchSet;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunOutcome;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whetstone train}: a fine-tuning run (SFT, DPO or GRPO) from flags or a run.json, followed until it ends.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Start a fine-tuning run (SFT, DPO or GRPO) and follow it (--detach returns at once).")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Mixin
    EngineChoiceMixin engineChoice;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "RUN_JSON", description = "Start from a run.json's config (flags override it).")
    Path configFile;

    @Option(names = "--model", description = "Base model: a Hugging Face folder or repo id.")
    String model;

    @Option(names = "--data", paramLabel = "FILE", description = "The training dataset.")
    String data;

    @Option(names = "--format", description = "auto, messages, alpaca, sharegpt, csv, text, preference or prompts (default auto).")
    String format;

    @Option(names = "--train-on", description = "last_assistant, all_assistant or all (default all_assistant).")
    String trainOn;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id (default: generated).")
    String runId;

    @Option(names = "--steps", description = "Optimizer steps (instead of epochs).")
    Integer steps;

    @Option(names = "--epochs", description = "Passes over the data (default 3).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Examples per step (default 8).")
    Integer batchSize;

    @Option(names = "--max-length", description = "Tokens per example (default 1024).")
    Integer maxLength;

    @Option(names = "--lr", description = "Peak learning rate (default 2e-4).")
    Double lr;

    @Option(names = "--rank", description = "LoRA rank (default 16).")
    Integer rank;

    @Option(names = "--full", description = "Full fine-tuning instead of LoRA.")
    boolean full;

    @Option(names = "--save-every", description = "Steps between checkpoints (default 100).")
    Integer saveEvery;

    @Option(names = "--eval-every", description = "Steps between evaluations (default 50).")
    Integer evalEvery;

    @Option(names = "--validation", description = "Share held out for evaluation (default 0.1).")
    Double validation;

    @Option(names = "--seed", description = "Data order and LoRA initialisation (default 0).")
    Long seed;

    @Option(names = "--eval-exact-match", paramLabel = "FILE", description = "A held-out chat-messages JSONL file: the "
            + "greedy reply to each conversation must be exactly its last assistant message; scored at step 0, at each "
            + "evaluation and at the end as eval/exact_match.")
    Path exactMatchFile;

    @Option(names = "--detach", description = "Start the run in the background and return at once.")
    boolean detach;

    @Option(names = "--method", paramLabel = "sft|dpo|grpo", description = "What to optimize: sft (default) on conversations, "
            + "dpo on preference pairs (prompt, chosen, rejected), grpo on prompts scored by --reward or --reward-command.")
    String method;

    @Option(names = "--from-checkpoint", paramLabel = "PATH", description = "Start a new run from this checkpoint's weights "
            + "(tinker://RUN/weights/NAME, a sampler checkpoint or a PEFT folder) with a fresh optimizer.")
    String fromCheckpoint;

    @Option(names = "--heldout", paramLabel = "FILE", description = "DPO and GRPO: held-out pairs or prompts scored at step 0, "
            + "each evaluation and the end (default: the validation split).")
    Path heldout;

    @Option(names = "--beta", description = "DPO: how strongly the model is held near the reference (default 0.1).")
    Double beta;

    @Option(names = "--dpo-loss", paramLabel = "sigmoid|ipo", description = "DPO: sigmoid (DPO, default) or ipo.")
    String dpoLoss;

    @Option(names = "--reward", paramLabel = "BUILTIN", description = "GRPO: a built-in reward: exact-match:FIELD, numeric:FIELD, "
            + "regex:PATTERN, json or length:MIN-MAX.")
    String reward;

    @Option(names = "--reward-command", paramLabel = "CMD", description = "GRPO: your reward program, run through the shell: one "
            + "JSON line per completion on stdin (the row's fields plus \"completion\"), one number per line on stdout.")
    String rewardCommand;

    @Option(names = "--reward-timeout", paramLabel = "SECONDS", description = "GRPO: the longest the reward program may take "
            + "for one step's completions (default 60); past it the run is saved and paused.")
    Double rewardTimeout;

    @Option(names = "--group-size", description = "GRPO: completions sampled per prompt (default 8).")
    Integer groupSize;

    @Option(names = "--max-tokens", description = "GRPO: the longest completion in tokens (default 64).")
    Integer maxTokens;

    @Option(names = "--temperature", description = "GRPO: sampling temperature (default 1.0).")
    Double temperature;

    @Option(names = "--normalize-std", description = "GRPO: divide advantages by their group's standard deviation.")
    boolean normalizeStd;

    @Option(names = "--rl-loss", paramLabel = "importance_sampling|ppo", description = "GRPO: the update's loss (default importance_sampling).")
    String rlLoss;

    @Override
    public Integer call() throws Exception {
        EngineOptions options = engine.toOptions();
        TrainingConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        checkExactMatchFile(config);
        if (detach) {
            return Detached.start(spec.commandLine().getParseResult().originalArgs(), options, config, out);
        }
        TrainingDataLoader.Loaded loaded;
        try (HfTokenizer tokenizer = ModelTokenizer.load(config.baseModel(), options)) {
            loaded = TrainingDataLoader.load(config, tokenizer);
        }
        out.printf("data: %s as %s: %d training and %d validation examples, %d truncated to %d tokens%n", config.dataset(),
                loaded.format(), loaded.data().examples(), loaded.data().heldoutExamples(),
                loaded.data().truncatedExamples(), config.maxLength());
        if (loaded.blocking()) {
            for (DataProblem p : loaded.problems()) {
                if (p.blocking()) {
                    spec.commandLine().getErr().println(p);
                }
            }
            throw new IllegalArgumentException("the dataset has blocking problems (listed above); fix them or run "
                    + "`whetstone lint " + config.dataset() + " --model " + config.baseModel() + "` for details");
        }
        try (ServiceClient service = engineChoice.open(options)) {
            RunSupervisor supervisor = new RunSupervisor(service, options.home());
            RunHandle run = supervisor.start(config, loaded.data());
            out.println("run " + run.runId() + " in " + run.dir());
            RunOutcome outcome = new RunProgress(out, System.console() != null, config.totalSteps(loaded.data().examples()))
                    .follow(run);
            return exitCode(outcome);
        }
    }

    /** A bad held-out file is bad input (exit 2), caught before any work. */
    private static void checkExactMatchFile(TrainingConfig config) {
        if (config.evalExactMatchFile() != null) {
            try {
                ExactMatchSet.read(Path.of(config.evalExactMatchFile()));
            } catch (DatasetException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    static int exitCode(RunOutcome outcome) {
        return switch (outcome.status()) {
            case COMPLETED, EARLY_STOPPED -> 0;
            default -> FailureHandler.FAILURE;
        };
    }

    private TrainingConfig config() {
        TrainingConfig base;
        if (configFile != null) {
            base = RunJournal.readConfig(configFile.toAbsolutePath().getParent()).withRunId(null);
        } else {
            if (model == null || data == null) {
                throw new IllegalArgumentException("give --model and --data (or --config run.json)");
            }
            base = TrainingConfig.defaults(model, data);
        }
        TrainingConfig flags = new TrainingConfig(runId, model != null ? model : base.baseModel(),
                full ? TrainingConfig.Method.FULL : base.method(),
                rank != null ? base.lora().withRank(rank) : base.lora(),
                data != null ? data : base.dataset(), format != null ? DatasetFormat.fromId(format) : base.datasetFormat(),
                trainOn != null ? TrainOn.fromId(trainOn) : base.trainOn(), validation != null ? validation : base.validationFraction(),
                maxLength != null ? maxLength : base.maxLength(), batchSize != null ? batchSize : base.batchSize(),
                epochs != null ? epochs : base.epochs(), steps != null ? steps : base.steps(), base.schedule(),
                lr != null ? base.adam().withLearningRate(lr) : base.adam(),
                evalEvery != null ? evalEvery : base.evalEvery(), saveEvery != null ? saveEvery : base.saveEvery(),
                base.keepLast(), base.earlyStoppingPatience(), seed != null ? seed : base.seed(), base.spikeFactor(),
                exactMatchFile != null ? exactMatchFile.toAbsolutePath().toString() : base.evalExactMatchFile(),
                base.dpo(), base.grpo(), fromCheckpoint != null ? fromCheckpoint : base.fromCheckpoint());
        return new MethodFlags(flags).apply(this);
    }
}
