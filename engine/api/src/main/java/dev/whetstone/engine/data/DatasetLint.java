package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a dataset before a run, with the model's tokenizer and template and the run's max length and
 * {@link TrainOn}: bad or out-of-order roles, empty conversations and assistant turns, template errors,
 * rows with no trained tokens, rows whose trained tokens truncation cuts, trained parts with no EOS, exact
 * duplicates, train/validation leakage; plus a token-length histogram. {@link #withoutModel(TrainOn)} runs
 * the checks that need no tokenizer (roles, empty conversations, rows with no assistant reply, duplicates,
 * leakage). It streams: memory grows only by one hash per training row.
 *
 * <pre>{@code
 * try (DatasetReader train = DatasetReader.open(trainPath); DatasetReader valid = DatasetReader.open(validPath)) {
 *     LintReport report = new DatasetLint(builder).lint(train, valid);
 *     if (report.blocking()) { ... }
 * }
 * }</pre>
 * Rows a {@link DatasetReader} could not read are in the report too.
 */
public final class DatasetLint {

    /** Problems kept for display; all are counted. */
    public static final int MAX_KEPT_PROBLEMS = 1000;

    private final SupervisedExampleBuilder builder; // null: no model, structure only
    private final TrainOn trainOn;
    private final int cutoff;
    private final PairCheck pairs;       // null without a model
    private final PromptCheck prompts;   // null without a model

    public DatasetLint(SupervisedExampleBuilder builder) {
        this(builder, PromptRules.NONE);
    }

    /** A lint whose prompt rows (GRPO) are checked against {@code rules}: completion room and the reward's fields. */
    public DatasetLint(SupervisedExampleBuilder builder, PromptRules rules) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.trainOn = builder.trainOn();
        this.cutoff = builder.maxLength();
        this.pairs = new PairCheck(builder);
        this.prompts = new PromptCheck(builder, Objects.requireNonNull(rules, "rules"));
    }

    private DatasetLint(TrainOn trainOn) {
        this.builder = null;
        this.trainOn = Objects.requireNonNull(trainOn, "trainOn");
        this.cutoff = 1;
        this.pairs = null;
        this.prompts = null;
    }

    /** The checks that need no model: {@code DatasetLint.withoutModel(TrainOn.ALL_ASSISTANT_MESSAGES).lint(reader)}. */
    public static DatasetLint withoutModel(TrainOn trainOn) {
        return new DatasetLint(trainOn);
    }

    /** Lints a training split alone. */
    public LintReport lint(Iterable<Example> train) {
        return lint(train, List.of());
    }

    /** Lints a training and a validation split; validation rows are checked for leakage, not counted in the histogram. */
    public LintReport lint(Iterable<Example> train, Iterable<Example> validation) {
        ProblemLog problems = new ProblemLog(MAX_KEPT_PROBLEMS);
        TokenLengthHistogram histogram = new TokenLengthHistogram(cutoff);
        Map<Long, SourceLine> seen = new HashMap<>();
        long rows = 0;
        long trained = 0;
        for (Example example : train) {
            rows++;
            trained += check(example, problems, histogram);
            SourceLine first = seen.putIfAbsent(fingerprint(example), example.source());
            if (first != null) {
                problems.add(LintRule.DUPLICATE, example.source(), "", "the same row as line " + first.line());
            }
        }
        addReadProblems(train, problems);
        long validationRows = 0;
        Map<Long, SourceLine> seenValidation = new HashMap<>();
        for (Example example : validation) {
            validationRows++;
            check(example, problems, null);
            long hash = fingerprint(example);
            SourceLine inTrain = seen.get(hash);
            if (inTrain != null) {
                problems.add(LintRule.LEAKAGE, example.source(), "", "also in the training split at " + inTrain
                        + "; validation loss will look better than it is");
            } else if (seenValidation.putIfAbsent(hash, example.source()) != null) {
                problems.add(LintRule.DUPLICATE, example.source(), "", "the same row as line " + seenValidation.get(hash).line());
            }
        }
        addReadProblems(validation, problems);
        return new LintReport(rows, validationRows, trained, problems.kept(), problems.counts(), histogram);
    }

    /** Checks one row; returns its trained tokens. */
    private long check(Example example, ProblemLog problems, TokenLengthHistogram histogram) {
        if (example instanceof PreferenceExample pair) {
            return pairs == null ? 0 : pairs.check(pair, problems, histogram);
        }
        if (example instanceof PromptExample prompt) {
            return prompts == null ? 0 : prompts.check(prompt, problems, histogram);
        }
        if (example instanceof ConversationExample conversation) {
            RoleCheck.check(conversation, builder == null && trainOn != TrainOn.ALL_TOKENS, problems);
            if (conversation.messages().isEmpty()) {
                return 0;   // reported; a template has nothing to render
            }
        }
        if (builder == null) {
            return 0;
        }
        SupervisedExample built;
        try {
            built = builder.build(example);
        } catch (ChatTemplateException e) {
            problems.add(LintRule.TEMPLATE_ERROR, example.source(), "", e.getMessage());
            return 0;
        }
        ExampleStats stats = built.stats();
        if (histogram != null) {
            histogram.add(stats.tokens());
        }
        SourceLine where = example.source();
        String length = stats.uncounted() ? "over " + builder.countedTokens() + " tokens; counting stops there"
                : stats.tokens() + " tokens";
        if (stats.trainedTokens() == 0) {
            problems.add(LintRule.NO_TRAINED_TOKENS, where, "", stats.cutTrainedTokens() > 0 || stats.uncounted()
                    ? "truncation to " + builder.maxLength() + " tokens cuts every trained token (the row has " + length + ")"
                    : "nothing in the row is trained with " + builder.trainOn() + "; does it end with an assistant reply?");
        } else if (stats.cutTrainedTokens() > 0) {
            problems.add(LintRule.TRUNCATED, where, "", "truncation to " + builder.maxLength() + " tokens cuts "
                    + (stats.uncounted() ? "at least " + stats.cutTrainedTokens() + " trained tokens"
                    : stats.cutTrainedTokens() + " of " + (stats.trainedTokens() + stats.cutTrainedTokens()) + " trained tokens")
                    + " (the row has " + length + ")");
        }
        if (stats.trainedTokens() > 0 && !stats.trainsStopToken()) {
            problems.add(LintRule.MISSING_EOS, where, "", "no EOS or end-of-turn token is trained"
                    + (stats.cutTrainedTokens() > 0 ? " (truncation cut it)" : "") + "; the model will not learn to stop");
        }
        return stats.trainedTokens();
    }

    private static void addReadProblems(Iterable<Example> split, ProblemLog problems) {
        if (split instanceof DatasetReader reader) {
            reader.problems().forEach(problems::add);
        }
    }

    /** 64 bits of SHA-256 over the row's content (roles and texts, or the text). */
    static long fingerprint(Example example) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        if (example instanceof ConversationExample conversation) {
            digest(sha, conversation.messages());
        } else if (example instanceof PreferenceExample pair) {
            digest(sha, pair.prompt());
            sha.update((byte) 3);
            sha.update(pair.chosen().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 4);
            sha.update(pair.rejected().getBytes(StandardCharsets.UTF_8));
        } else if (example instanceof PromptExample prompt) {
            digest(sha, prompt.prompt());
            sha.update((byte) 5);
            sha.update(prompt.fields().toString().getBytes(StandardCharsets.UTF_8));
        } else {
            sha.update((byte) 2);
            sha.update(((TextExample) example).text().getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = sha.digest();
        return first64Bits(digest);
    }

    private static void digest(MessageDigest sha, List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            sha.update(m.role().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(m.content().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 1);
        }
    }

    private static long first64Bits(byte[] digest) {
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        return hash;
    }
}
