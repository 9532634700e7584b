package dev.whetstone.app.datasets;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.engine.data.SupervisedExampleBuilder;
import dev.whetstone.engine.data.TrainOn;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * How rows are rendered for the inspector and lint: the model (its tokenizer and chat template), the max
 * length and which tokens are trained. Whenever one changes, a new {@link SupervisedExampleBuilder} is made
 * on a worker and published through {@link #builder()}.
 *
 * <p>Example: {@code settings.model().set(entry); settings.builder().addListener(...)}
 */
public final class RenderSettingsViewModel {
    /** The longest max length offered; real models allow more, but a longer row is rarely wanted here. */
    public static final int MAX_LENGTH = 32_768;

    private final Background background;
    private final TokenizerCache tokenizers;
    private final ObservableList<ModelEntry> models;
    private final ObjectProperty<ModelEntry> model = new SimpleObjectProperty<>();
    private final IntegerProperty maxLength = new SimpleIntegerProperty(1024);
    private final ObjectProperty<TrainOn> trainOn = new SimpleObjectProperty<>(TrainOn.ALL_ASSISTANT_MESSAGES);
    private final ReadOnlyObjectWrapper<SupervisedExampleBuilder> builder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("Choose a model to see its tokens.");
    private long generation;

    public RenderSettingsViewModel(Background background, TokenizerCache tokenizers, ObservableList<ModelEntry> models) {
        this.background = Objects.requireNonNull(background, "background");
        this.tokenizers = Objects.requireNonNull(tokenizers, "tokenizers");
        this.models = Objects.requireNonNull(models, "models");
        model.addListener((obs, old, now) -> rebuild());
        maxLength.addListener((obs, old, now) -> rebuild());
        trainOn.addListener((obs, old, now) -> rebuild());
    }

    /** Makes the builder for the current settings; the newest request wins. */
    public CompletableFuture<Void> rebuild() {
        long mine = ++generation;
        ModelEntry entry = model.get();
        if (entry == null || !entry.usable()) {
            builder.set(null);
            problem.set(entry == null ? "Choose a model to see its tokens." : entry.problem());
            return CompletableFuture.completedFuture(null);
        }
        int length = maxLength.get();
        if (length < 2 || length > MAX_LENGTH) {
            problem.set("The max length must be between 2 and " + MAX_LENGTH + " tokens, was " + length + ".");
            return CompletableFuture.completedFuture(null);
        }
        TrainOn on = trainOn.get();
        return background.run(() -> SupervisedExampleBuilder.forTokenizer(tokenizers.get(entry.folder(), entry.name()), length, on),
                made -> {
                    if (mine == generation) {
                        problem.set("");
                        builder.set(made);
                    }
                }, error -> {
                    if (mine == generation) {
                        builder.set(null);
                        problem.set("Cannot load the tokenizer of " + entry.name() + ": " + error.getMessage());
                    }
                });
    }

    /** Chooses the first usable model if none is chosen yet (called when the models list fills). */
    public void chooseDefaultModel() {
        if (model.get() == null) {
            models.stream().filter(ModelEntry::usable).findFirst().ifPresent(model::set);
        }
    }

    public ObservableList<ModelEntry> models() {
        return models;
    }

    public ObjectProperty<ModelEntry> model() {
        return model;
    }

    public IntegerProperty maxLength() {
        return maxLength;
    }

    public ObjectProperty<TrainOn> trainOn() {
        return trainOn;
    }

    /** The builder for the current settings, or null while none can be made. */
    public ReadOnlyObjectProperty<SupervisedExampleBuilder> builder() {
        return builder.getReadOnlyProperty();
    }

    /** Why there is no builder, or {@code ""}. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }
}
