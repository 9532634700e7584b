package dev.whetstone.engine.eval;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scores a sampler on held-out exchanges by exact match: the greedy reply (top-k 1) to each prompt,
 * rendered with the model's chat template, must be the expected reply followed by an end-of-turn token
 * (surrounding whitespace aside). The score is the share of exchanges answered exactly, in [0, 1].
 *
 * <p>Example: {@code double share = new ExactMatchEvaluator(ExactMatchSet.read(file)).score(sampler);}
 */
public final class ExactMatchEvaluator {
    /** The metric's name in {@code metrics.jsonl} and in {@code metric_evaluated} events. */
    public static final String METRIC = "eval/exact_match";
    /** Tokens allowed past the expected reply's own: a longer reply is wrong anyway. */
    private static final int SLACK_TOKENS = 4;

    private final ExactMatchSet heldout;

    public ExactMatchEvaluator(ExactMatchSet heldout) {
        this.heldout = java.util.Objects.requireNonNull(heldout, "heldout");
    }

    /** The share of exchanges answered exactly, in [0, 1]; blocks until every reply is sampled. */
    public double score(SamplingClient sampler) {
        Tokenizer tokenizer = sampler.getTokenizer();
        ChatTemplate template = ChatTemplate.forTokenizer(tokenizer);
        List<ExactMatchItem> items = heldout.items();
        List<CompletableFuture<SampleResponse>> replies = new ArrayList<>(items.size());
        for (ExactMatchItem item : items) {
            int[] prompt = tokenizer.encode(template.render(item.prompt(), true, Map.of()));
            int maxTokens = tokenizer.encode(item.expected()).length + 1 + SLACK_TOKENS;
            SamplingParams greedy = SamplingParams.defaults().withTopK(1).withMaxTokens(maxTokens).withSeed(0L);
            replies.add(sampler.sample(ModelInput.fromInts(prompt), 1, greedy));
        }
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            if (matches(tokenizer, replies.get(i).join().sequences().get(0), items.get(i).expected())) {
                correct++;
            }
        }
        return (double) correct / items.size();
    }

    /** Whether {@code reply} ended on its own with an end-of-turn token right after exactly {@code expected}. */
    static boolean matches(Tokenizer tokenizer, SampledSequence reply, String expected) {
        List<Integer> tokens = reply.tokens();
        if (reply.stopReason() != StopReason.STOP || tokens.isEmpty()
                || !tokenizer.eosTokenIds().contains(tokens.get(tokens.size() - 1))) {
            return false;
        }
        int[] text = tokens.subList(0, tokens.size() - 1).stream().mapToInt(Integer::intValue).toArray();
        return Arrays.equals(text, tokenizer.encode(expected))
                || tokenizer.decode(text, false).strip().equals(expected.strip());
    }

    /** The held-out exchanges scored. */
    public ExactMatchSet heldout() {
        return heldout;
    }
}
