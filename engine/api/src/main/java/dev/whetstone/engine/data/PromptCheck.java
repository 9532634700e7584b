package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Lint of a GRPO prompt row: the prompt's roles, template errors, room for a completion within the max length, and
 * the fields the reward reads.
 */
final class PromptCheck {

    private final SupervisedExampleBuilder builder;
    private final PromptRules rules;

    PromptCheck(SupervisedExampleBuilder builder, PromptRules rules) {
        this.builder = builder;
        this.rules = rules;
    }

    /** Checks one prompt; returns 0 (a prompt has no trained tokens of its own). */
    long check(PromptExample example, ProblemLog problems, TokenLengthHistogram histogram) {
        SourceLine where = example.source();
        RoleCheck.check(new ConversationExample(where, example.prompt()), false, problems);
        for (String field : new TreeSet<>(rules.requiredFields())) {
            if (!example.has(field)) {
                List<String> keys = new ArrayList<>();
                example.fields().fieldNames().forEachRemaining(keys::add);
                problems.add(LintRule.MISSING_FIELD, where, field, "the reward reads \"" + field + "\", which this row lacks"
                        + " (it has " + keys + "); add it or choose another reward");
            }
        }
        RenderedPrompt rendered;
        try {
            rendered = RenderedPrompt.of(example, builder.chat().orElseThrow(() -> new ChatTemplateException(
                    "the tokenizer " + builder.tokenizer().id() + " has no chat template to render prompts with")));
        } catch (ChatTemplateException e) {
            problems.add(LintRule.TEMPLATE_ERROR, where, "", e.getMessage());
            return 0;
        }
        int tokens = rendered.input().length();
        if (histogram != null) {
            histogram.add(tokens);
        }
        int room = builder.maxLength() - tokens;
        if (room < 1) {
            problems.add(LintRule.PROMPT_TOO_LONG, where, "prompt", "the prompt has " + tokens + " tokens, the max length is "
                    + builder.maxLength() + ": raise the max length or shorten the prompt");
        } else if (room < rules.completionTokens()) {
            problems.add(LintRule.TRUNCATED, where, "prompt", "the prompt has " + tokens + " tokens, so completions stop at "
                    + room + " of " + rules.completionTokens() + " tokens within the max length of " + builder.maxLength());
        }
        return 0;
    }
}
