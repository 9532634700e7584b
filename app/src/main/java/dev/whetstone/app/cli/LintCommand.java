package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.DatasetLint;
import dev.whetstone.engine.data.DatasetReader;
import dev.whetstone.engine.data.LintReport;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code whetstone lint FILE [--model M]}: dataset findings as {@code FILE:LINE: LEVEL: message}; exit 2
 * when any finding blocks training. Without a model the file itself is checked (format, lines, roles, rows
 * with no assistant reply, duplicates); with one, also templates, masks, truncation and EOS.
 */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Check a dataset: one finding per line as FILE:LINE: LEVEL: message; exit 2 on any error.")
final class LintCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The dataset (or use --data).")
    Path positional;

    @Option(names = "--data", paramLabel = "FILE", description = "The dataset.")
    Path data;

    @Option(names = "--model", description = "Render with this model's chat template and check masks, truncation and EOS.")
    String model;

    @Option(names = "--format", defaultValue = "auto", description = "auto, messages, alpaca, sharegpt, csv, text, preference or prompts.")
    String format;

    @Option(names = "--max-length", defaultValue = "1024", description = "Tokens per example (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--train-on", defaultValue = "all_assistant", description = "last_assistant, all_assistant or all.")
    String trainOn;

    @Override
    public Integer call() {
        Path file = data != null ? data : positional;
        if (file == null) {
            throw new IllegalArgumentException("give the dataset: whetstone lint FILE (or --data FILE)");
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainOn on = TrainOn.fromId(trainOn);
        List<DataProblem> problems;
        String summary;
        if (model == null) {
            DatasetFormat chosen = DatasetFormat.fromId(format);
            try (DatasetReader reader = chosen == null ? DatasetReader.open(file) : DatasetReader.open(file, chosen)) {
                LintReport report = DatasetLint.withoutModel(on).lint(reader);
                problems = report.problems();
                summary = report.rows() + " rows read as " + reader.format() + " (pass --model to check templates, masks and lengths)";
            }
        } else {
            EngineOptions options = engine.toOptions();
            TrainingConfig config = TrainingConfig.defaults(model, file.toString())
                    .withData(file.toString(), DatasetFormat.fromId(format), TrainOn.fromId(trainOn), 0.0, maxLength);
            try (HfTokenizer tokenizer = ModelTokenizer.load(model, options)) {
                TrainingDataLoader.Checked loaded = TrainingDataLoader.check(config, tokenizer);
                problems = loaded.problems();
                summary = loaded.lint().rows() + " rows, " + loaded.lint().trainedTokens() + " trained tokens, format "
                        + loaded.format();
            }
        }
        for (DataProblem p : problems) {
            out.println(line(p));
        }
        long errors = problems.stream().filter(DataProblem::blocking).count();
        out.println(summary + "; " + errors + " error(s), " + (problems.size() - errors) + " warning(s)");
        out.flush();
        return errors > 0 ? FailureHandler.BAD_INPUT : 0;
    }

    /** {@code FILE:LINE: LEVEL: field — message}, without the dash when the problem is the whole row. */
    static String line(DataProblem p) {
        return p.where() + ": " + (p.blocking() ? "error" : "warning") + ": "
                + (p.field().isEmpty() ? "" : p.field() + " — ") + p.message();
    }
}
