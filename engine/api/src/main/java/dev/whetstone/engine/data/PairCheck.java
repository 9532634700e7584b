package dev.whetstone.engine.data;

import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplateException;

import java.util.ArrayList;
import java.util.List;

/**
 * Lint of a preference pair: the prompt's roles, empty or identical replies, template errors, and what truncation
 * does to each side (every reply token cut; replies cut unequally; the part where they differ cut away).
 */
final class PairCheck {

    private final PreferencePairBuilder pairs;

    PairCheck(SupervisedExampleBuilder builder) {
        this.pairs = new PreferencePairBuilder(builder);
    }

    /** Checks one pair; returns the trained tokens of both sides. */
    long check(PreferenceExample example, ProblemLog problems, TokenLengthHistogram histogram) {
        SourceLine where = example.source();
        List<ChatMessage> withReply = new ArrayList<>(example.prompt());
        withReply.add(ChatMessage.assistant("reply"));
        RoleCheck.check(new ConversationExample(where, withReply), false, problems);
        for (String side : List.of("chosen", "rejected")) {
            if ((side.equals("chosen") ? example.chosen() : example.rejected()).isBlank()) {
                problems.add(LintRule.EMPTY_ASSISTANT, where, side, "the " + side + " reply is empty");
            }
        }
        if (example.chosen().equals(example.rejected())) {
            problems.add(LintRule.IDENTICAL_PAIR, where, "rejected", "the same reply as chosen: the pair teaches nothing and is skipped");
        }
        PreferencePair pair;
        try {
            pair = pairs.build(example);
        } catch (ChatTemplateException e) {
            problems.add(LintRule.TEMPLATE_ERROR, where, "", e.getMessage());
            return 0;
        }
        ExampleStats chosen = pair.chosen().stats();
        ExampleStats rejected = pair.rejected().stats();
        if (histogram != null) {
            histogram.add(Math.max(chosen.tokens(), rejected.tokens()));
        }
        int max = pairs.maxLength();
        if (chosen.trainedTokens() == 0 || rejected.trainedTokens() == 0) {
            String side = chosen.trainedTokens() == 0 ? "chosen" : "rejected";
            ExampleStats cut = chosen.trainedTokens() == 0 ? chosen : rejected;
            problems.add(LintRule.NO_TRAINED_TOKENS, where, side, "truncation to " + max + " tokens cuts every token of the "
                    + side + " reply (the conversation has " + cut.tokens() + " tokens); raise the max length or shorten the prompt");
        } else if (chosen.cutTrainedTokens() > 0 || rejected.cutTrainedTokens() > 0) {
            problems.add(LintRule.TRUNCATED, where, "", "truncation to " + max + " tokens cuts " + chosen.cutTrainedTokens()
                    + " of " + (chosen.trainedTokens() + chosen.cutTrainedTokens()) + " chosen and " + rejected.cutTrainedTokens()
                    + " of " + (rejected.trainedTokens() + rejected.cutTrainedTokens())
                    + " rejected reply tokens: DPO then compares the parts that are left");
        }
        if (!example.chosen().equals(example.rejected()) && pair.trainable() && pair.identical()) {
            problems.add(LintRule.IDENTICAL_PAIR, where, "", "chosen and rejected are the same after truncation to " + max
                    + " tokens (the cut falls before they differ): the pair teaches nothing and is skipped");
        }
        return chosen.trainedTokens() + rejected.trainedTokens();
    }
}
