package dev.whetstone.app.playground;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.TokenLogprob;
import dev.whetstone.engine.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model's top {@value #TOP_K} tokens at each generated position of one sample, for the heatmap's hover:
 * one engine call with the prompt plus the generated tokens as the prompt, {@code maxTokens} 1 and
 * {@code topkPromptLogprobs} {@value #TOP_K}; position {@code P + i} of that prompt's top-k is what the
 * model would have put at generated token {@code i}. Slow (a forward over the whole text): call it on a worker.
 *
 * <p>Example: {@code List<List<TokenChoice>> alts = TokenAlternatives.of(client, promptIds, generatedIds);}
 */
final class TokenAlternatives {
    /** Alternatives listed per token. */
    static final int TOP_K = 5;

    private TokenAlternatives() {
    }

    /**
     * The top {@value #TOP_K} for each of {@code generated} (sorted most likely first). When the text fills
     * the model's context, the last token has none (an empty list): the call needs room for one more token.
     */
    static List<List<TokenChoice>> of(SamplingClient client, int[] prompt, int[] generated) {
        if (generated.length == 0) {
            return List.of();
        }
        int[] all = new int[prompt.length + generated.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(generated, 0, all, prompt.length, generated.length);
        SampleResponse response;
        int covered = generated.length;
        try {
            response = topK(client, all);
        } catch (IllegalArgumentException contextFull) {
            covered--;   // prompt + generated + 1 is over the context: the last token goes without
            response = topK(client, java.util.Arrays.copyOf(all, all.length - 1));
        }
        Tokenizer tokenizer = client.getTokenizer();
        List<List<TokenChoice>> out = new ArrayList<>(generated.length);
        for (int i = 0; i < generated.length; i++) {
            List<TokenLogprob> row = i < covered ? response.topkPromptLogprobs().get(prompt.length + i) : null;
            out.add(row == null ? List.of() : row.stream()
                    .sorted(Comparator.comparingDouble(TokenLogprob::logprob).reversed())
                    .map(t -> new TokenChoice(t.token(), tokenizer.decode(new int[] {t.token()}, false), t.logprob()))
                    .toList());
        }
        return out;
    }

    private static SampleResponse topK(SamplingClient client, int[] ids) {
        return client.sample(ModelInput.fromInts(ids), 1, SamplingParams.defaults().withMaxTokens(1), false, TOP_K).join();
    }
}
