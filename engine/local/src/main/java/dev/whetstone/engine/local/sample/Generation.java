package dev.whetstone.engine.local.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.SampleListener;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SampledToken;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.tensor.IntraOpThreads;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The decoding loop of one {@code sample} request, on the device thread: prefill the prompt once, draw
 * the first token of every sequence from its last position, then one decoder forward per step for all
 * {@code numSamples} sequences together until each has stopped.
 *
 * <p>Sequences that stop early stay in the batch (their draws are ignored) so the cache keeps its shape;
 * the loop ends when the last one stops. Every step runs in its own NDScope; the KV cache is freed when
 * the loop ends, however it ends.
 */
public final class Generation {
    private final Decoder decoder;
    private final AdapterHook adapter;
    private final NDManager manager;
    private final ScalarConstants constants;
    private final Tokenizer tokenizer;
    private final StepForward.Opener forward;

    /** What the loop produced: the response and how many decoder forwards it ran. */
    public record Result(SampleResponse response, int forwards) {
    }

    public Generation(Decoder decoder, AdapterHook adapter, NDManager manager, ScalarConstants constants,
                      Tokenizer tokenizer, StepForward.Opener forward) {
        this.decoder = decoder;
        this.adapter = adapter;
        this.manager = manager;
        this.constants = constants;
        this.tokenizer = tokenizer;
        this.forward = forward;
    }

    /**
     * Runs {@code request} with the randomness of {@code seed}, reporting each token to {@code listener}
     * (may be null). When {@code cancelled} turns true the loop stops before its next forward and returns
     * what it has.
     */
    public Result run(SampleRequest request, long seed, SampleListener listener, BooleanSupplier cancelled) {
        int n = request.numSamples();
        int vocab = decoder.config().vocabSize();
        int[] prompt = request.prompt().toInts();
        SequenceRandom random = new SequenceRandom(seed, n);
        TokenSampler sampler = new TokenSampler(request.params(), constants, vocab);
        StopStrings stopStrings = new StopStrings(request.params().stopStrings(), tokenizer);
        List<SequenceProgress> sequences = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sequences.add(new SequenceProgress(request.maxTokens(), request.stopTokens(), stopStrings));
        }
        PromptLogprobs.Result promptLogprobs = new PromptLogprobs.Result(null, null);
        int forwards = 0;
        if (cancelled.getAsBoolean()) {
            return new Result(response(sequences, promptLogprobs), 0);
        }
        try (StepForward forward = this.forward.open(decoder, adapter, manager, request)) {
            int[] next;
            try (NDScope scope = new NDScope()) {
                NDArray hidden = forward.prefill(prompt);                                      // [1, P, D]
                if (request.includePromptLogprobs() || request.topkPromptLogprobs() > 0) {
                    promptLogprobs = PromptLogprobs.of(decoder, adapter, hidden, prompt, request.includePromptLogprobs(),
                            request.topkPromptLogprobs());
                }
                NDArray last = hidden.get(new NDIndex(":, -1, :"));                             // [1, D]
                NDArray logits = decoder.logits(last, adapter).broadcast(new Shape(n, vocab));    // [B, V]
                next = accept(sampler.draw(logits, random.next()), sequences, listener);
            }
            // the prefill keeps every thread; the one-token steps run on one (IntraOpThreads)
            try (IntraOpThreads threads = IntraOpThreads.forDecoding(n)) {
                while (!allDone(sequences) && !cancelled.getAsBoolean()) {
                    try (NDScope scope = new NDScope()) {
                        NDArray hidden = forward.step(next);                                   // [B, D]
                        next = accept(sampler.draw(decoder.logits(hidden, adapter), random.next()), sequences, listener);
                    }
                }
            }
            forwards = forward.forwards();
        }
        return new Result(response(sequences, promptLogprobs), forwards);
    }

    /** Records one draw in every running sequence and tells the listener; returns the tokens to feed next. */
    private static int[] accept(TokenSampler.Draw draw, List<SequenceProgress> sequences, SampleListener listener) {
        for (int i = 0; i < sequences.size(); i++) {
            SequenceProgress sequence = sequences.get(i);
            if (sequence.done()) {
                continue;
            }
            int token = draw.tokens()[i];
            double logprob = draw.logprobs()[i];
            StopReason reason = sequence.accept(token, logprob);
            if (listener != null) {
                listener.onToken(new SampledToken(i, sequence.length() - 1, token, logprob, reason));
            }
        }
        return draw.tokens();
    }

    private static boolean allDone(List<SequenceProgress> sequences) {
        return sequences.stream().allMatch(SequenceProgress::done);
    }

    private static SampleResponse response(List<SequenceProgress> sequences, PromptLogprobs.Result prompt) {
        List<SampledSequence> out = sequences.stream().map(SequenceProgress::toSequence).toList();
        return new SampleResponse(out, prompt.logprobs(), prompt.topk());
    }
}
