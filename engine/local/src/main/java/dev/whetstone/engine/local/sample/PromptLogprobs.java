package dev.whetstone.engine.local.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.TokenLogprob;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.tensor.HostArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's own (teacher-forced) logprob of each prompt token given the ones before it, and the top-k
 * alternatives at each position: raw log-softmax of the logits, no temperature or truncation.
 * Position 0 is {@code null}: nothing predicts the first token.
 *
 * <p>The LM head runs over row chunks so the [P, V] logits never exist at once (V is 151,936 for Qwen3).
 */
public final class PromptLogprobs {
    /** Logit cells per chunk: 16M floats = 64 MB, as the training loss uses. */
    private static final long CHUNK_CELLS = 16L * 1024 * 1024;

    /** Per-position logprobs and top-k lists; either is null when not asked for. */
    public record Result(List<Double> logprobs, List<List<TokenLogprob>> topk) {
    }

    private PromptLogprobs() {
    }

    /** {@code computeLogprobs}: the training forward over {@code prompt}, then its logprobs. Runs in its own NDScope. */
    public static List<Double> teacherForced(Decoder decoder, AdapterHook adapter, NDManager manager, int[] prompt) {
        try (NDScope scope = new NDScope()) {
            long[] ids = new long[prompt.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = prompt[i];
            }
            NDArray hidden = decoder.hidden(HostArrays.longs(manager, ids, new Shape(1, ids.length)), adapter);   // [1, P, D]
            return of(decoder, adapter, hidden, prompt, true, 0).logprobs();
        }
    }

    /** From the prompt's hidden states [1, P, D]; runs inside the caller's NDScope. */
    static Result of(Decoder decoder, AdapterHook adapter, NDArray hidden, int[] prompt, boolean logprobs, int topk) {
        List<Double> values = logprobs ? withNullFirst(prompt.length) : null;
        List<List<TokenLogprob>> alternatives = topk > 0 ? withNullFirst(prompt.length) : null;
        int rows = prompt.length - 1;                                          // row i predicts prompt[i + 1]
        int chunk = (int) Math.max(1, Math.min(rows, CHUNK_CELLS / decoder.config().vocabSize()));
        for (int start = 0; start < rows; start += chunk) {
            int end = Math.min(rows, start + chunk);
            try (NDScope scope = new NDScope()) {
                NDArray h = hidden.get(new NDIndex("0, {}:{}", start, end));      // [c, D]
                NDArray logp = decoder.logits(h, adapter).logSoftmax(1);         // [c, V]
                if (values != null) {
                    long[] targets = new long[end - start];
                    for (int i = start; i < end; i++) {
                        targets[i - start] = prompt[i + 1];
                    }
                    NDArray picked = logp.gather(HostArrays.longs(hidden.getManager(), targets, new Shape(end - start, 1)), 1);
                    float[] f = picked.toFloatArray();                         // [c]
                    for (int i = 0; i < f.length; i++) {
                        values.set(start + i + 1, (double) f[i]);
                    }
                }
                if (alternatives != null) {
                    addTopk(logp.topK(topk, 1, true, true), topk, start, alternatives);
                }
            }
        }
        return new Result(values, alternatives);
    }

    private static void addTopk(NDList top, int k, int start, List<List<TokenLogprob>> into) {
        float[] logprobs = top.get(0).toFloatArray();                            // [c, k]
        long[] tokens = top.get(1).toLongArray();
        for (int row = 0; row < logprobs.length / k; row++) {
            List<TokenLogprob> entries = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                entries.add(new TokenLogprob(Math.toIntExact(tokens[row * k + j]), logprobs[row * k + j]));
            }
            into.set(start + row + 1, List.copyOf(entries));
        }
    }

    private static <T> List<T> withNullFirst(int size) {
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(null);
        }
        return list;
    }
}
