package dev.whetstone.engine.local;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleListener;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.local.lora.LoraAdapter;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.local.model.Decoder;
import dev.whetstone.engine.local.sample.Generation;
import dev.whetstone.engine.local.sample.PromptLogprobs;
import dev.whetstone.engine.local.sample.SampleRequest;
import dev.whetstone.engine.local.sample.StepForward;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-process {@link SamplingClient}: an immutable adapter snapshot (or none, for the base model) on
 * a shared {@link BaseModel}, whose weights it uses in place. Requests validate on the caller's thread
 * and run on the model's device thread.
 *
 * <p>Close it when done to free its snapshot; one that is dropped unclosed is freed when collected, so an
 * RL loop that takes a new {@code saveWeightsAndGetSamplingClient()} every iteration does not pile up
 * adapters. Closing it from inside a {@link SampleListener} fails with an {@link IllegalStateException}: it
 * would wait for the request that calls the listener.
 */
public final class LocalSamplingClient implements SamplingClient, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final BaseModel model;
    private final Decoder decoder;      // null: the base model's
    private final AdapterHook adapter;
    private final String description;
    private final SampleRequest.ModelLimits limits;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    private LocalSamplingClient(BaseModel model, Decoder decoder, AdapterHook adapter, AutoCloseable snapshot,
                                String description) {
        this.model = model;
        this.decoder = decoder;
        this.adapter = adapter;
        this.description = description;
        this.limits = new SampleRequest.ModelLimits(model.config().vocabSize(), model.config().maxPositionEmbeddings(),
                model.tokenizer().eosTokenIds());
        this.release = new Release(model, snapshot);
        this.cleanable = CLEANER.register(this, release);
    }

    /** A client on {@code model} that owns {@code snapshot} (null for the base model) and keeps the model loaded. */
    static LocalSamplingClient create(BaseModel model, LoraAdapter snapshot, String description) {
        model.retain();
        return new LocalSamplingClient(model, null, snapshot == null ? AdapterHook.NONE : snapshot, snapshot, description);
    }

    /**
     * A client running its own {@code decoder} (a full fine-tuning snapshot whose weights {@code owned}
     * holds and this client frees), on {@code model}'s device thread.
     */
    static LocalSamplingClient withDecoder(BaseModel model, Decoder decoder, AutoCloseable owned, String description) {
        model.retain();
        return new LocalSamplingClient(model, decoder, AdapterHook.NONE, owned, description);
    }

    private Decoder decoder() {
        return decoder != null ? decoder : model.decoder();
    }

    @Override
    public CompletableFuture<SampleResponse> sample(ModelInput prompt, int numSamples, SamplingParams params,
                                                    boolean includePromptLogprobs, int topkPromptLogprobs) {
        return decode(request(prompt, numSamples, params, includePromptLogprobs, topkPromptLogprobs), null,
                StepForward.KV_CACHE);
    }

    /** Streams tokens to {@code listener} as they are decoded; cancelling the future stops decoding (see the interface). */
    @Override
    public CompletableFuture<SampleResponse> sampleStreaming(ModelInput prompt, int numSamples, SamplingParams params,
                                                             SampleListener listener) {
        Objects.requireNonNull(listener, "listener");
        return decode(request(prompt, numSamples, params, false, 0), listener, StepForward.KV_CACHE);
    }

    /** Checks a request's arguments against this model, on the caller's thread. */
    SampleRequest request(ModelInput prompt, int numSamples, SamplingParams params, boolean includePromptLogprobs,
                          int topkPromptLogprobs) {
        return SampleRequest.of(prompt, numSamples, params, includePromptLogprobs, topkPromptLogprobs, limits);
    }

    /**
     * Queues {@code request}, decoded through {@code forward}: the engine's {@link StepForward#KV_CACHE}, or (from
     * tests in this package, the one other caller) a reference path to compare it with. Cancelling the future
     * stops decoding before the next step.
     */
    CompletableFuture<SampleResponse> decode(SampleRequest request, SampleListener listener, StepForward.Opener forward) {
        checkOpen();
        long seed = request.params().seed() != null ? request.params().seed() : ThreadLocalRandom.current().nextLong();
        CompletableFuture<SampleResponse> result = model.thread().newFuture();
        model.thread().submit("sampling " + request.numSamples() + " x " + request.maxTokens() + " tokens from " + description,
                () -> {
                    Generation generation = new Generation(decoder(), adapter, model.manager(), model.constants(),
                            model.tokenizer(), forward);
                    // an interrupt: the JVM is exiting (DeviceThread), stop at the next token
                    return generation.run(request, seed, listener,
                            () -> result.isCancelled() || Thread.currentThread().isInterrupted()).response();
                }).whenComplete((response, error) -> {
                    // a no-op when the caller cancelled: the partial response is dropped
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(response);
                    }
                });
        return result;
    }

    @Override
    public CompletableFuture<List<Double>> computeLogprobs(ModelInput prompt) {
        checkOpen();
        Objects.requireNonNull(prompt, "prompt");
        // validates the ids and the length exactly as a sample of one token would
        SampleRequest request = SampleRequest.of(prompt, 1, SamplingParams.defaults().withMaxTokens(1), true, 0, limits);
        int[] ids = request.prompt().toInts();
        return model.thread().submit("computing logprobs of " + ids.length + " tokens with " + description,
                () -> PromptLogprobs.teacherForced(decoder(), adapter, model.manager(), ids));
    }

    @Override
    public Tokenizer getTokenizer() {
        return model.tokenizer();
    }

    /** Frees the adapter snapshot; the base model is freed with the last client using it. */
    @Override
    public void close() {
        model.thread().requireNotCurrent("closing the SamplingClient " + description);
        cleanable.clean();
    }

    /** The model this client samples from (for tests in this package). */
    BaseModel model() {
        return model;
    }

    private void checkOpen() {
        if (release.done.get()) {
            throw new IllegalStateException("this SamplingClient (" + description + ") is closed; create a new one");
        }
    }

    /** Frees a snapshot and releases the model, once: on close() or when the client is collected. */
    private static final class Release implements Runnable {
        private final BaseModel model;
        private final AutoCloseable snapshot;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(BaseModel model, AutoCloseable snapshot) {
            this.model = model;
            this.snapshot = snapshot;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (snapshot != null) {
                // queued behind this client's requests; completes exceptionally if the model is already closed
                model.thread().submit("freeing a sampling snapshot", () -> {
                    snapshot.close();
                    return null;
                });
            }
            model.release();
        }
    }
}
