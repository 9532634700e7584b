package dev.whetstone.engine.eval;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleListener;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SampledToken;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Scores a sampler on held-out exchanges by exact match: the greedy reply (top-k 1) to each prompt, rendered
 * with the model's chat template, must be exactly the expected reply's tokens followed by an end-of-turn
 * token. The score is the share of exchanges answered exactly, in [0, 1]. A reply is cut off at its first
 * wrong token, so a model that is mostly wrong (a base model) is scored in a fraction of the decoding time.
 *
 * <p>Example: {@code double share = new ExactMatchEvaluator(ExactMatchSet.read(file)).score(sampler);}
 */
public final class ExactMatchEvaluator {
    /** The metric's name in {@code metrics.jsonl} and in {@code metric_evaluated} events. */
    public static final String METRIC = "eval/exact_match";

    private final ExactMatchSet heldout;

    public ExactMatchEvaluator(ExactMatchSet heldout) {
        this.heldout = Objects.requireNonNull(heldout, "heldout");
    }

    /** The share of exchanges answered exactly, in [0, 1]; blocks until every reply is sampled. */
    public double score(SamplingClient sampler) {
        Tokenizer tokenizer = sampler.getTokenizer();
        ChatTemplate template = ChatTemplate.forTokenizer(tokenizer);
        List<ExactMatchItem> items = heldout.items();
        List<CompletableFuture<SampleResponse>> replies = new ArrayList<>(items.size());
        for (ExactMatchItem item : items) {
            int[] prompt = tokenizer.encode(template.render(item.prompt(), true, Map.of()));
            int[] expected = tokenizer.encode(item.expected());
            SamplingParams greedy = SamplingParams.defaults().withTopK(1).withMaxTokens(expected.length + 1).withSeed(0L);
            CutAtFirstWrongToken cut = new CutAtFirstWrongToken(expected);
            replies.add(cut.watch(sampler.sampleStreaming(ModelInput.fromInts(prompt), 1, greedy, cut)));
        }
        int correct = 0;
        for (int i = 0; i < items.size(); i++) {
            SampledSequence reply = finished(replies.get(i));
            if (reply != null && matches(tokenizer, reply, items.get(i).expected())) {
                correct++;
            }
        }
        return (double) correct / items.size();
    }

    /** The reply, or null when it was cut off at a wrong token. */
    private static SampledSequence finished(CompletableFuture<SampleResponse> reply) {
        try {
            return reply.join().sequences().get(0);
        } catch (CancellationException | CompletionException e) {
            if (reply.isCancelled()) {
                return null;
            }
            throw e;
        }
    }

    /** Whether {@code reply} ended on its own with an end-of-turn token right after exactly {@code expected}'s tokens. */
    static boolean matches(Tokenizer tokenizer, SampledSequence reply, String expected) {
        List<Integer> tokens = reply.tokens();
        if (reply.stopReason() != StopReason.STOP || tokens.isEmpty()
                || !tokenizer.eosTokenIds().contains(tokens.get(tokens.size() - 1))) {
            return false;
        }
        int[] want = tokenizer.encode(expected);
        List<Integer> got = tokens.subList(0, tokens.size() - 1);
        if (got.size() != want.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (got.get(i) != want[i]) {
                return false;
            }
        }
        return true;
    }

    /** The held-out exchanges scored. */
    public ExactMatchSet heldout() {
        return heldout;
    }

    /** Cancels a reply's decoding as soon as one of its tokens differs from the expected reply's. */
    private static final class CutAtFirstWrongToken implements SampleListener {
        private final int[] expected;
        private volatile boolean wrong;
        private volatile CompletableFuture<SampleResponse> reply;

        CutAtFirstWrongToken(int[] expected) {
            this.expected = expected;
        }

        @Override
        public void onToken(SampledToken token) {
            // positions past the reply's own tokens are the end-of-turn token, checked by matches()
            if (token.position() < expected.length && token.token() != expected[token.position()]) {
                wrong = true;
                cancel();
            }
        }

        CompletableFuture<SampleResponse> watch(CompletableFuture<SampleResponse> future) {
            reply = future;
            if (wrong) {
                cancel();   // the first wrong token came before this future was known
            }
            return future;
        }

        private void cancel() {
            CompletableFuture<SampleResponse> known = reply;
            if (known != null) {
                known.cancel(false);
            }
        }
    }
}
