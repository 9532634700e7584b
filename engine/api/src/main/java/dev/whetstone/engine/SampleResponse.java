package dev.whetstone.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result of one {@code sample} call: the generated sequences and, when asked for, the prompt's own
 * log-probabilities.
 *
 * <p>{@code SampledSequence first = sampler.sample(prompt, 4, params).join().sequences().get(0);}
 *
 * @param sequences          one per requested sample; copied
 * @param promptLogprobs     logprob of each prompt token given the ones before, or {@code null} if not
 *                           asked for; element 0 is {@code null} (nothing predicts the first token)
 * @param topkPromptLogprobs per prompt position, up to k most likely tokens, or {@code null} if not
 *                           asked for; a position with none (position 0) is {@code null}
 */
public record SampleResponse(List<SampledSequence> sequences, List<Double> promptLogprobs,
                             List<List<TokenLogprob>> topkPromptLogprobs) {

    public SampleResponse {
        sequences = List.copyOf(Objects.requireNonNull(sequences, "sequences"));
        if (promptLogprobs != null) {
            // not List.copyOf: element 0 is null by contract
            promptLogprobs = Collections.unmodifiableList(new ArrayList<>(promptLogprobs));
        }
        if (topkPromptLogprobs != null) {
            List<List<TokenLogprob>> rows = new ArrayList<>(topkPromptLogprobs.size());
            for (List<TokenLogprob> row : topkPromptLogprobs) {
                rows.add(row == null ? null : List.copyOf(row));
            }
            topkPromptLogprobs = Collections.unmodifiableList(rows);
        }
    }

    /** A response with sequences only: {@code new SampleResponse(List.of(seq))}. */
    public SampleResponse(List<SampledSequence> sequences) {
        this(sequences, null, null);
    }
}
