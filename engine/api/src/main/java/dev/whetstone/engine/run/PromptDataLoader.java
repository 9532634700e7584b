package dev.whetstone.engine.run;

import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.data.ChatRenderer;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.DatasetLint;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.FormatDetector;
import dev.whetstone.engine.data.LintReport;
import dev.whetstone.engine.data.PromptExample;
import dev.whetstone.engine.data.PromptRules;
import dev.whetstone.engine.data.RenderedPrompt;
import dev.whetstone.engine.data.SupervisedExampleBuilder;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.tokenizer.ChatTemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GRPO run's data: prompt rows (or a chat dataset, whose last assistant message becomes the {@code answer} field)
 * held out by the run's seed or read from the GRPO settings' held-out file, linted against the reward's fields and
 * the completion length, and rendered up to the assistant header.
 */
final class PromptDataLoader {

    private PromptDataLoader() {
    }

    static TrainingDataLoader.Loaded load(TrainingConfig config, Tokenizer tokenizer) {
        SupervisedExampleBuilder builder = SupervisedExampleBuilder.forTokenizer(tokenizer, config.maxLength(),
                TrainOn.LAST_ASSISTANT_MESSAGE);
        List<DataProblem> problems = new ArrayList<>();
        TrainingDataLoader.HeldOutRows rows = TrainingDataLoader.readWithHeldOut(config, config.grpo().heldoutFile(),
                PromptDataLoader::format, problems);
        List<Example> train = rows.train();
        List<Example> heldout = rows.heldout();
        PromptRules rules = new PromptRules(config.grpo().maxTokens(), config.grpo().toReward().requiredFields());
        LintReport lint = new DatasetLint(builder, rules).lint(train, heldout);
        ChatRenderer chat;
        try {
            chat = ChatRenderer.of(tokenizer);
        } catch (ChatTemplateException e) {
            throw new IllegalArgumentException("GRPO renders prompts with the model's chat template, and " + tokenizer.id()
                    + " has none; use the model's instruct version", e);
        }
        List<RenderedPrompt> trainPrompts = render(train, chat, config.maxLength());
        List<RenderedPrompt> heldoutPrompts = render(heldout, chat, config.maxLength());
        if (trainPrompts.isEmpty()) {
            throw new IllegalArgumentException(rows.file() + " has no usable prompt (read " + rows.read()
                    + " rows); check the findings of `whetstone lint` on it");
        }
        return new TrainingDataLoader.Loaded(new TrainingData(List.of(), List.of(), 0,
                new MethodData.Prompts(trainPrompts, heldoutPrompts)), lint, List.copyOf(problems), DatasetFormat.PROMPTS);
    }

    /** Prompt rows, or chat rows read as prompts ({@code given}, or detected when null); anything else is not GRPO data. */
    private static DatasetFormat format(Path file, DatasetFormat given) {
        DatasetFormat format = given == null ? FormatDetector.detect(file).format() : given;
        if (format != DatasetFormat.PROMPTS && format != DatasetFormat.CHAT_MESSAGES) {
            throw new IllegalArgumentException(file + " was read as " + format.id() + ", but GRPO trains on prompts: one "
                    + "{\"prompt\": ..., <fields the reward reads>} or {\"messages\": [...]} per line (README, \"Preference and RL runs\")");
        }
        return DatasetFormat.PROMPTS;
    }

    private static List<RenderedPrompt> render(List<Example> examples, ChatRenderer chat, int maxLength) {
        List<RenderedPrompt> prompts = new ArrayList<>();
        for (Example e : examples) {
            try {
                RenderedPrompt prompt = RenderedPrompt.of((PromptExample) e, chat);
                if (prompt.input().length() < maxLength) {
                    prompts.add(prompt);
                }
            } catch (ChatTemplateException skipped) {
                // lint reported it (TEMPLATE_ERROR), which blocks the run
            }
        }
        return prompts;
    }
}
