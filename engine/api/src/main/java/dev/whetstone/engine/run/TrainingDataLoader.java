package dev.whetstone.engine.run;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.DatasetLint;
import dev.whetstone.engine.data.DatasetReader;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.LintReport;
import dev.whetstone.engine.data.SupervisedExample;
import dev.whetstone.engine.data.SupervisedExampleBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Turns a {@link TrainingConfig}'s dataset into {@link TrainingData}: reads the file (every bad line
 * reported, none fatal), holds out the validation split by the run's seed, lints both splits, and
 * renders each example to a datum with the model's chat template and loss mask. The same config and
 * file always give the same datums in the same order, which is what makes a resumed run exact.
 */
public final class TrainingDataLoader {

    /** The lint report and the reader's problems (bad lines) of a dataset, without datums. */
    public record Checked(LintReport lint, List<DataProblem> readProblems, DatasetFormat format) {

        /** Whether anything blocks training: a blocking lint finding or bad lines. */
        public boolean blocking() {
            return lint.blocking() || readProblems.stream().anyMatch(DataProblem::blocking);
        }

        /** Every finding, read problems first. */
        public List<DataProblem> problems() {
            List<DataProblem> all = new ArrayList<>(readProblems);
            for (DataProblem p : lint.problems()) {
                if (!all.contains(p)) {
                    all.add(p);
                }
            }
            return all;
        }
    }

    /** The datums, the lint report, and the reader's problems (bad lines). */
    public record Loaded(TrainingData data, LintReport lint, List<DataProblem> readProblems, DatasetFormat format) {

        /** Whether anything blocks training: a blocking lint finding or bad lines. */
        public boolean blocking() {
            return checked().blocking();
        }

        /** Every finding, read problems first. */
        public List<DataProblem> problems() {
            return checked().problems();
        }

        /** The findings without the datums. */
        public Checked checked() {
            return new Checked(lint, readProblems, format);
        }
    }

    private TrainingDataLoader() {
    }

    /**
     * Reads and lints {@code config}'s dataset for a model with {@code tokenizer}, rendering nothing twice: what
     * {@code whetstone lint --model} reports. A file with no usable row is a report, not an exception. A DPO or GRPO
     * run's pairs or prompts are checked as its loader reads them.
     */
    public static Checked check(TrainingConfig config, Tokenizer tokenizer) {
        if (config.objective() != TrainingConfig.Objective.SFT) {
            return load(config, tokenizer).checked();
        }
        Read read = read(config);
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        split(read.examples(), config.validationFraction(), config.seed(), train, validation);
        LintReport lint = new DatasetLint(builder(config, tokenizer)).lint(train, validation);
        return new Checked(lint, read.problems(), read.format());
    }

    /**
     * Loads {@code config}'s dataset for a model with {@code tokenizer}: conversations for SFT, preference pairs for
     * DPO, prompts for GRPO.
     *
     * @throws dev.whetstone.engine.data.DatasetException if the file cannot be read, or no row has a trained token
     * @throws IllegalArgumentException when the file holds another kind of data than the run's method reads
     */
    public static Loaded load(TrainingConfig config, Tokenizer tokenizer) {
        return switch (config.objective()) {
            case DPO -> PreferenceDataLoader.load(config, tokenizer);
            case GRPO -> PromptDataLoader.load(config, tokenizer);
            case SFT -> loadSupervised(config, tokenizer);
        };
    }

    private static Loaded loadSupervised(TrainingConfig config, Tokenizer tokenizer) {
        SupervisedExampleBuilder builder = builder(config, tokenizer);
        Read read = read(config);
        if (read.format() == DatasetFormat.PREFERENCE || read.format() == DatasetFormat.PROMPTS) {
            throw new IllegalArgumentException(read.file() + " holds " + (read.format() == DatasetFormat.PREFERENCE
                    ? "preference pairs (prompt, chosen, rejected): train it with DPO (--method dpo)"
                    : "prompts without replies: train it with GRPO (--method grpo) and a reward"));
        }
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        split(read.examples(), config.validationFraction(), config.seed(), train, validation);
        LintReport lint = new DatasetLint(builder).lint(train, validation);
        long truncated = 0;
        List<Datum> trainDatums = new ArrayList<>();
        for (Example e : train) {
            SupervisedExample built = builder.build(e);
            truncated += built.stats().truncated() ? 1 : 0;
            if (built.stats().trainedTokens() > 0) {
                trainDatums.add(built.datum());
            }
        }
        List<Datum> validationDatums = new ArrayList<>();
        for (Example e : validation) {
            SupervisedExample built = builder.build(e);
            if (built.stats().trainedTokens() > 0) {
                validationDatums.add(built.datum());
            }
        }
        if (trainDatums.isEmpty()) {
            throw new DatasetException(read.file() + " has no example with trained tokens (read " + read.examples().size()
                    + " examples); check the format and the train-on setting, and run `whetstone lint " + read.file()
                    + " --model " + config.baseModel() + "` for the reasons");
        }
        return new Loaded(new TrainingData(trainDatums, validationDatums, truncated), lint, read.problems(), read.format());
    }

    /** The rows of a file, its bad lines and its format. */
    private record Read(Path file, List<Example> examples, List<DataProblem> problems, DatasetFormat format) {
    }

    private static Read read(TrainingConfig config) {
        List<Example> examples = new ArrayList<>();
        Path file = Path.of(config.dataset());
        try (DatasetReader reader = config.datasetFormat() == null ? DatasetReader.open(file)
                : DatasetReader.open(file, config.datasetFormat())) {
            reader.forEach(examples::add);
            return new Read(file, examples, List.copyOf(reader.problems()), reader.format());
        }
    }

    private static SupervisedExampleBuilder builder(TrainingConfig config, Tokenizer tokenizer) {
        return SupervisedExampleBuilder.forTokenizer(tokenizer, config.maxLength(), config.trainOn());
    }

    /** Holds out {@code fraction} of the examples, chosen by {@code seed}; both splits keep file order. */
    static void split(List<Example> examples, double fraction, long seed, List<Example> train, List<Example> validation) {
        int n = examples.size();
        int held = (int) Math.round(n * fraction);
        if (fraction > 0 && held == 0 && n >= 10) {
            held = 1;
        }
        boolean[] isValidation = new boolean[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < held; i++) {
            isValidation[order[i]] = true;
        }
        for (int i = 0; i < n; i++) {
            (isValidation[i] ? validation : train).add(examples.get(i));
        }
    }

    /**
     * A DPO or GRPO run's rows: the dataset's ({@code format} checks or detects each file's format; null means
     * detect), with its held-out rows read from {@code heldoutFile} when it names one, else split off by the run's seed.
     */
    static HeldOutRows readWithHeldOut(TrainingConfig config, String heldoutFile,
                                       BiFunction<Path, DatasetFormat, DatasetFormat> format, List<DataProblem> problems) {
        Path file = Path.of(config.dataset());
        List<Example> examples = readAll(file, format.apply(file, config.datasetFormat()), problems);
        List<Example> train = new ArrayList<>();
        List<Example> heldout = new ArrayList<>();
        if (heldoutFile != null) {
            train.addAll(examples);
            Path held = Path.of(heldoutFile);
            heldout.addAll(readAll(held, format.apply(held, null), problems));
        } else {
            split(examples, config.validationFraction(), config.seed(), train, heldout);
        }
        return new HeldOutRows(file, examples.size(), train, heldout);
    }

    /** The rows of {@link #readWithHeldOut}: the dataset {@code file}, how many rows it had, and the two sides. */
    record HeldOutRows(Path file, int read, List<Example> train, List<Example> heldout) {
    }

    /** Every example of {@code file} read in {@code format}, and the lines that could not be read. */
    static List<Example> readAll(Path file, DatasetFormat format, List<DataProblem> problems) {
        List<Example> examples = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(file, format)) {
            reader.forEach(examples::add);
            problems.addAll(reader.problems());
        }
        return examples;
    }
}
