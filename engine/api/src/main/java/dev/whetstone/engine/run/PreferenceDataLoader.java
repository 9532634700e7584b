package dev.whetstone.engine.run;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.DatasetLint;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.FormatDetector;
import dev.whetstone.engine.data.LintReport;
import dev.whetstone.engine.data.PreferenceExample;
import dev.whetstone.engine.data.PreferencePair;
import dev.whetstone.engine.data.PreferencePairBuilder;
import dev.whetstone.engine.data.SupervisedExampleBuilder;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.tokenizer.ChatTemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A DPO run's data: preference pairs read from the dataset (held out by the run's seed, or from the DPO settings'
 * held-out file), linted, and rendered into pairs of datums. Pairs that cannot teach anything (identical sides, a
 * side that truncation empties, a template error) are reported by lint and left out.
 */
final class PreferenceDataLoader {

    private PreferenceDataLoader() {
    }

    static TrainingDataLoader.Loaded load(TrainingConfig config, Tokenizer tokenizer) {
        SupervisedExampleBuilder builder = SupervisedExampleBuilder.forTokenizer(tokenizer, config.maxLength(),
                TrainOn.LAST_ASSISTANT_MESSAGE);
        List<DataProblem> problems = new ArrayList<>();
        TrainingDataLoader.HeldOutRows rows = TrainingDataLoader.readWithHeldOut(config, config.dpo().heldoutFile(),
                PreferenceDataLoader::format, problems);
        List<Example> train = rows.train();
        List<Example> heldout = rows.heldout();
        LintReport lint = new DatasetLint(builder).lint(train, heldout);
        PreferencePairBuilder pairs = new PreferencePairBuilder(builder);
        List<PreferencePair> trainPairs = build(train, pairs);
        List<PreferencePair> heldoutPairs = build(heldout, pairs);
        if (trainPairs.isEmpty()) {
            throw new IllegalArgumentException(rows.file() + " has no usable preference pair (read " + rows.read()
                    + " rows); check the findings of `whetstone lint` on it");
        }
        long truncated = trainPairs.stream()
                .filter(p -> p.chosen().stats().truncated() || p.rejected().stats().truncated()).count();
        return new TrainingDataLoader.Loaded(new TrainingData(sides(trainPairs), sides(heldoutPairs), truncated,
                new MethodData.Pairs(trainPairs, heldoutPairs)), lint, List.copyOf(problems), DatasetFormat.PREFERENCE);
    }

    /** The file's format ({@code given}, or detected when null), which must be preference pairs. */
    private static DatasetFormat format(Path file, DatasetFormat given) {
        DatasetFormat format = given == null ? FormatDetector.detect(file).format() : given;
        if (format != DatasetFormat.PREFERENCE) {
            throw new IllegalArgumentException(file + " was read as " + format.id() + ", but DPO trains on preference pairs: one "
                    + "{\"prompt\": ..., \"chosen\": ..., \"rejected\": ...} per line (README, \"Preference and RL runs\")");
        }
        return format;
    }

    private static List<PreferencePair> build(List<Example> examples, PreferencePairBuilder builder) {
        List<PreferencePair> pairs = new ArrayList<>();
        for (Example e : examples) {
            try {
                PreferencePair pair = builder.build((PreferenceExample) e);
                if (pair.trainable() && !pair.identical()) {
                    pairs.add(pair);
                }
            } catch (ChatTemplateException skipped) {
                // lint reported it (TEMPLATE_ERROR), which blocks the run
            }
        }
        return pairs;
    }

    /** Chosen, rejected, chosen, rejected, … in pair order. */
    static List<Datum> sides(List<PreferencePair> pairs) {
        List<Datum> datums = new ArrayList<>(2 * pairs.size());
        for (PreferencePair p : pairs) {
            datums.add(p.chosen().datum());
            datums.add(p.rejected().datum());
        }
        return datums;
    }
}
