package dev.whetstone.resources.starter;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.run.LearningRateSchedule;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunOutcome;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recipe that makes the starter model: generate the tokenizer, the corpus and the seeded initial weights,
 * then pretrain every weight with the engine's full fine-tuning through {@link RunSupervisor}. It assembles
 * a {@link TrainingConfig}; the loop is the supervisor's.
 *
 * <p>Example: {@code Path finalModel = StarterRecipe.shipped().pretrain(workDir);}
 *
 * @param corpusRows   conversations in the corpus
 * @param corpusSeed   the corpus generator's seed
 * @param initSeed     the initial weights' seed
 * @param steps        optimizer steps
 * @param batchSize    conversations per step
 * @param learningRate peak learning rate (cosine schedule)
 * @param threads      native CPU threads: fixed, so the result is bit for bit the same on one machine
 */
public record StarterRecipe(int corpusRows, long corpusSeed, long initSeed, int steps, int batchSize,
                            double learningRate, int threads) {
    public static final int MAX_LENGTH = 64;
    static final String RUN_ID = "starter-pretrain";

    /** The recipe of the shipped weights. */
    public static StarterRecipe shipped() {
        return new StarterRecipe(6000, 1L, 7L, 400, 16, 3e-3, 2);
    }

    public StarterRecipe withSteps(int n) {
        return new StarterRecipe(corpusRows, corpusSeed, initSeed, n, batchSize, learningRate, threads);
    }

    /** Writes the initial model folder (config, tokenizer, seeded weights) and the corpus under {@code work}. */
    public Inputs prepare(Path work) throws IOException {
        Path init = Files.createDirectories(work.resolve("init"));
        StarterArchitecture architecture = StarterArchitecture.shipped();
        architecture.writeConfig(init);
        StarterTokenizerFiles.write(init, architecture.maxPositions());
        architecture.writeInitialWeights(init, initSeed);
        Path corpus = work.resolve("corpus.jsonl");
        Exchange.write(corpus, StarterCorpus.generate(corpusRows, corpusSeed));
        return new Inputs(init, corpus);
    }

    /** The full fine-tuning run's config: every token trained, no validation split, one final checkpoint. */
    public TrainingConfig config(Inputs inputs) {
        return TrainingConfig.defaults(inputs.initialModel().toString(), inputs.corpus().toString())
                .withRunId(RUN_ID)
                .withMethod(TrainingConfig.Method.FULL)
                .withData(inputs.corpus().toString(), DatasetFormat.CHAT_MESSAGES, TrainOn.ALL_TOKENS, 0.0, MAX_LENGTH)
                .withBatching(batchSize, 1, steps)
                .withOptimizer(LearningRateSchedule.cosine(20),
                        AdamParams.defaults().withLearningRate(learningRate).withEps(1e-8).withGradClipNorm(1.0)
                                .withWeightDecay(0.01))
                .withCadence(0, 0, 1, 0)
                .withSeed(0)
                .withSpikeFactor(0);
    }

    /** Prepares and trains under {@code work}; returns the trained model folder (the run's final sampler weights). */
    public Path pretrain(Path work) throws IOException {
        Inputs inputs = prepare(work);
        TrainingConfig config = config(inputs);
        EngineOptions options = EngineOptions.builder().home(work.resolve("home")).device("cpu").threads(threads).build();
        TrainingDataLoader.Loaded loaded;
        try (HfTokenizer tokenizer = HfTokenizer.load(inputs.initialModel(), "whetstone-starter")) {
            loaded = TrainingDataLoader.load(config, tokenizer);
        }
        if (loaded.blocking()) {
            throw new IllegalStateException("the generated corpus has blocking problems: " + loaded.problems());
        }
        try (ServiceClient service = ServiceClient.local(options)) {
            RunHandle run = new RunSupervisor(service, options.home()).start(config, loaded.data());
            RunOutcome outcome = run.completion().join();
            if (outcome.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("the pretraining run ended " + outcome.status() + ": " + outcome.message());
            }
            return run.dir().resolve("sampler_weights/final");
        }
    }

    /** The generated initial model folder and corpus file. */
    public record Inputs(Path initialModel, Path corpus) {
    }
}
