package dev.whetstone.resources.starter;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scores a sampler on held-out exchanges by exact match: the greedy reply (top-k 1) must be exactly the
 * expected reply's tokens followed by the end-of-turn token.
 *
 * <p>Example: {@code double accuracy = new SkillEvaluator(heldout).score(sampler);}
 */
public final class SkillEvaluator {
    private static final int MAX_REPLY_TOKENS = 16;

    private final List<Exchange> items;

    public SkillEvaluator(List<Exchange> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
        this.items = List.copyOf(items);
    }

    /** The share of items answered exactly, in [0, 1]. */
    public double score(SamplingClient sampler) {
        Tokenizer tokenizer = sampler.getTokenizer();
        ChatTemplate template = ChatTemplate.forTokenizer(tokenizer);
        SamplingParams greedy = SamplingParams.defaults().withTopK(1).withMaxTokens(MAX_REPLY_TOKENS).withSeed(0L);
        List<CompletableFuture<SampleResponse>> replies = new ArrayList<>(items.size());
        for (Exchange item : items) {
            String prompt = template.render(List.of(ChatMessage.user(item.user())), true, Map.of());
            replies.add(sampler.sample(ModelInput.fromInts(tokenizer.encode(prompt)), 1, greedy));
        }
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            List<Integer> got = replies.get(i).join().sequences().get(0).tokens();
            if (got.equals(expected(tokenizer, items.get(i).assistant()))) {
                correct++;
            }
        }
        return (double) correct / items.size();
    }

    private static List<Integer> expected(Tokenizer tokenizer, String reply) {
        List<Integer> ids = new ArrayList<>();
        for (int id : tokenizer.encode(reply)) {
            ids.add(id);
        }
        ids.add(tokenizer.eosTokenIds().get(0));
        return ids;
    }
}
