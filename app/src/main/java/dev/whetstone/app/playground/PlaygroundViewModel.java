package dev.whetstone.app.playground;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.BatchQueue;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledToken;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.tokenizer.ChatMessage;
import dev.whetstone.engine.tokenizer.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sampling playground: a prompt (raw, or one user turn rendered with the model's chat template), the
 * sampling settings, and one or two sides (A/B) sampled with the same prompt and seed. Tokens stream to
 * the FX thread in batches; {@link #stop()} cancels decoding. When a sample ends (or is stopped) the
 * model's top alternatives of each of its tokens are computed on a worker ({@link TokenAlternatives}).
 *
 * <p>Example: {@code playground.a().model().set("tinker://r1/sampler_weights/final"); playground.generate();}
 */
public final class PlaygroundViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlaygroundViewModel.class);
    private final Background background;
    private final ServiceClient service;
    private final Map<String, SamplingClient> clients = new ConcurrentHashMap<>();
    private final SampleSide a = new SampleSide();
    private final SampleSide b = new SampleSide();
    private final StringProperty prompt = new SimpleStringProperty("");
    private final BooleanProperty chat = new SimpleBooleanProperty(true);
    private final ObjectProperty<SampleSettings> settings = new SimpleObjectProperty<>(SampleSettings.defaults());
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
    private final javafx.collections.ObservableList<String> choices = javafx.collections.FXCollections.observableArrayList();
    private final List<String> offered = new ArrayList<>();   // FX thread
    // bumped by generate() and stop(): tokens of an older generation are no longer appended
    private int generation;
    // bumped by generate() only: the sample whose tokens are shown, and may still get their alternatives
    private int shown;

    public PlaygroundViewModel(Background background, ServiceClient service) {
        this.background = Objects.requireNonNull(background, "background");
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Samples side A, and side B when it names a model; completes when every side has finished or stopped
     * and the top alternatives of its tokens are shown.
     */
    public CompletableFuture<Void> generate() {
        stop();
        int mine = ++generation;
        shown = mine;
        running.set(true);
        List<CompletableFuture<Void>> sides = new ArrayList<>();
        for (SampleSide side : List.of(a, b)) {
            side.tokens().clear();
            side.alternatives().clear();
            side.status().set("");
            if (side.model().get() != null && !side.model().get().isBlank()) {
                sides.add(sample(side, mine));
            }
        }
        return CompletableFuture.allOf(sides.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> background.bridge()
                .run(() -> { if (mine == generation) running.set(false); }));
    }

    private CompletableFuture<Void> sample(SampleSide side, int mine) {
        String model = side.model().get();
        String text = prompt.get();
        boolean asChat = chat.get();
        SampleSettings chosen = settings.get();
        side.status().set("loading " + model + " …");
        BatchQueue<TokenPiece> stream = background.bridge().batches(batch -> {
            if (mine == generation) {
                side.tokens().addAll(batch);
            }
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        background.run(() -> {
            SamplingClient client = clients.computeIfAbsent(model, service::createSamplingClient);
            Tokenizer tokenizer = client.getTokenizer();
            int[] ids = tokenizer.encode(asChat ? chatTurn(tokenizer, text) : text);
            return new Started(client, ids, client.sampleStreaming(ModelInput.fromInts(ids), chosen.numSamples(),
                    chosen.params(), (SampledToken t) -> stream.add(new TokenPiece(t.sequence(), t.position(), t.token(),
                            tokenizer.decode(new int[] {t.token()}, false), t.logprob()))));
        }, started -> {
            CompletableFuture<SampleResponse> future = started.response();
            if (mine != generation) {
                future.cancel(true);   // Stop was pressed while the model was loading
            } else {
                side.status().set("streaming");
            }
            synchronized (inFlight) {
                inFlight.add(future);
            }
            background.whenDone(future, response -> side.status().set(dev.whetstone.app.fx.Plural.of(side.tokens().size(), "token")
                    + ", " + dev.whetstone.app.fx.HumanNames.stopReason(response.sequences().get(0).stopReason())),
                    error -> side.status().set(future.isCancelled() ? "stopped" : error.getMessage()))
                    .thenCompose(shown -> alternatives(side, started, mine))
                    .whenComplete((v, e) -> done.complete(null));
        }, error -> {
            side.status().set(error.getMessage());
            done.complete(null);
        });
        return done;
    }

    /** A sample under way: the client, the prompt's ids and the streaming response. */
    private record Started(SamplingClient client, int[] prompt, CompletableFuture<SampleResponse> response) {
    }

    /** Computes the top alternatives of the tokens shown (a finished or stopped sample) on a worker (FX thread). */
    private CompletableFuture<Void> alternatives(SampleSide side, Started started, int mine) {
        Map<Integer, List<TokenPiece>> bySequence = new java.util.TreeMap<>();
        side.tokens().forEach(t -> bySequence.computeIfAbsent(t.sequence(), s -> new ArrayList<>()).add(t));
        return background.run(() -> {
            Map<Long, List<TokenChoice>> found = new java.util.HashMap<>();
            bySequence.forEach((sequence, pieces) -> {
                int[] generated = pieces.stream().sorted(java.util.Comparator.comparingInt(TokenPiece::position))
                        .mapToInt(TokenPiece::token).toArray();
                List<List<TokenChoice>> rows = TokenAlternatives.of(started.client(), started.prompt(), generated);
                for (int i = 0; i < rows.size(); i++) {
                    found.put(SampleSide.key(sequence, i), rows.get(i));
                }
            });
            return found;
        }, found -> {
            if (mine == shown) {
                side.alternatives().putAll(found);
            }
        }, error -> LOG.warn("Could not compute the top alternatives of the sampled tokens", error));
    }

    private static String chatTurn(Tokenizer tokenizer, String userMessage) {
        if (tokenizer.chatTemplate().isEmpty()) {
            throw new IllegalArgumentException("this model has no chat template; switch Chat off to sample the raw prompt");
        }
        return ChatTemplate.forTokenizer(tokenizer).render(List.of(ChatMessage.user(userMessage)), true,
                Map.of("enable_thinking", false));
    }

    /**
     * Re-lists what can be sampled: the models offered ({@link #offerModels}; on a remote engine, the models it
     * offers), each run's base model, then every checkpoint (newest run first).
     */
    public CompletableFuture<Void> refreshChoices() {
        List<String> models = List.copyOf(offered);
        return background.run(() -> {
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(models);
            var store = service.checkpoints();
            store.listRuns().forEach(r -> all.add(r.baseModel()));
            store.listRuns().forEach(r -> store.listCheckpoints(r.trainingRunId()).forEach(c -> all.add(c.tinkerPath())));
            return List.copyOf(all);
        }, choices::setAll, error -> a.status().set(error.getMessage()));
    }

    /** Offers {@code folders} (the Models pane's models) in the pickers, ahead of the runs' models and checkpoints. */
    public CompletableFuture<Void> offerModels(List<String> folders) {
        offered.clear();
        offered.addAll(folders);
        return refreshChoices();
    }

    /** Adds {@code model} (a folder chosen on disk) to the choices, if it is not there yet. */
    public void offer(String model) {
        if (!choices.contains(model)) {
            offered.add(model);
            choices.add(0, model);
        }
    }

    /** Chooses {@code model} for side A (from the Checkpoints pane). */
    public void choose(String model) {
        a.model().set(model);
    }

    /** Stops decoding on every side; the tokens so far stay. */
    public void stop() {
        generation++;
        running.set(false);
        synchronized (inFlight) {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
        }
    }

    public javafx.collections.ObservableList<String> choices() { return choices; }

    public SampleSide a() { return a; }

    public SampleSide b() { return b; }

    public StringProperty prompt() { return prompt; }

    public BooleanProperty chat() { return chat; }

    public ObjectProperty<SampleSettings> settings() { return settings; }

    public BooleanProperty running() { return running; }
}
