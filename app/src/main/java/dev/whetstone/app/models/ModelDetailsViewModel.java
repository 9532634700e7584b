package dev.whetstone.app.models;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.Units;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.model.ModelConfig;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The selected model's facts (architecture, parameters, context length, layers) and the memory LoRA
 * training would need at the chosen rank, batch size and sequence length ({@link LoraMemoryEstimate}).
 * Setters refuse values out of range with a message instead of throwing.
 *
 * <p>Example: {@code details.setRank(64); details.estimate().get()} → "≈ 1.9 GiB"
 */
public final class ModelDetailsViewModel {
    private final ObservableValue<ModelEntry> model;
    private LoraSettings settings = LoraSettings.defaults();
    private int bytesPerWeight = 4;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No model selected");
    private final ReadOnlyStringWrapper folder = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper architecture = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper parameters = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper contextLength = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper layers = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper breakdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper settingsProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper usable = new ReadOnlyBooleanWrapper();

    /** Details of whatever {@code model} holds (the Models list's selection). */
    public ModelDetailsViewModel(ObservableValue<ModelEntry> model) {
        this.model = model;
        model.addListener((obs, old, now) -> update());
        update();
    }

    /** Weights are stored as float16 on CUDA and float32 on the CPU; follows the engine's device once known. */
    public CompletableFuture<Void> followDevice(Background background, CompletableFuture<ServerCapabilities> capabilities) {
        return background.whenDone(capabilities, caps -> {
            bytesPerWeight = caps.device().startsWith("cuda") ? 2 : 4;
            update();
        }, error -> { });
    }

    public void setRank(int rank) {
        apply(() -> new LoraSettings(rank, settings.batchSize(), settings.sequenceLength()));
    }

    public void setBatchSize(int batchSize) {
        apply(() -> new LoraSettings(settings.rank(), batchSize, settings.sequenceLength()));
    }

    public void setSequenceLength(int length) {
        apply(() -> new LoraSettings(settings.rank(), settings.batchSize(), length));
    }

    /** The settings the estimate uses now. */
    public LoraSettings settings() {
        return settings;
    }

    /** The estimate for a model not on disk yet ({@code config} from its hub page), at these settings and this device. */
    public LoraMemoryEstimate estimateFor(ModelConfig config) {
        return LoraMemoryEstimate.of(config, settings, bytesPerWeight);
    }

    /** "rank 32, batch 4 × 1,024 tokens, float32 weights (CPU)": what {@link #estimateFor} assumes. */
    public String estimateBasis() {
        return String.format(java.util.Locale.ROOT, "rank %d, batch %d × %,d tokens, %s", settings.rank(), settings.batchSize(),
                settings.sequenceLength(), bytesPerWeight == 2 ? "float16 weights (CUDA)" : "float32 weights (CPU)");
    }

    /** Takes the new settings, or keeps the old ones and says why (the record names the value and range). */
    private void apply(Supplier<LoraSettings> next) {
        try {
            settings = next.get();
        } catch (IllegalArgumentException e) {
            settingsProblem.set(e.getMessage());
            return;
        }
        settingsProblem.set("");
        update();
    }

    private void update() {
        ModelEntry entry = model.getValue();
        title.set(entry == null ? "No model selected" : entry.name());
        folder.set(entry == null ? "" : entry.source().label() + " · " + entry.folder());
        usable.set(entry != null && entry.usable());
        problem.set(entry == null || entry.usable() ? "" : entry.problem());
        ModelConfig config = entry == null ? null : entry.config();
        if (config == null) {
            architecture.set("—");
            parameters.set("—");
            contextLength.set("—");
            layers.set("—");
            estimate.set("—");
            breakdown.set("");
            return;
        }
        architecture.set(config.architecture().hfName());
        parameters.set(Units.count(config.parameterCount()) + " (" + config.torchDtype() + " on disk)");
        contextLength.set(String.format(java.util.Locale.ROOT, "%,d tokens", config.maxPositionEmbeddings()));
        layers.set(config.numLayers() + " layers, hidden " + config.hiddenSize() + ", " + config.numHeads()
                + " heads (" + config.numKvHeads() + " kv)");
        LoraMemoryEstimate e = LoraMemoryEstimate.of(config, settings, bytesPerWeight);
        estimate.set("≈ " + Units.bytes(e.totalBytes()));
        breakdown.set("weights " + Units.bytes(e.weightBytes()) + (bytesPerWeight == 2 ? " (float16)" : " (float32)")
                + " + LoRA " + Units.count(e.loraParameters()) + " params " + Units.bytes(e.loraBytes())
                + " + activations " + Units.bytes(e.activationBytes())
                + (settings.sequenceLength() > config.maxPositionEmbeddings()
                        ? ". The sequence length is longer than the model's context." : ""));
    }

    public ReadOnlyStringProperty title() {
        return title.getReadOnlyProperty();
    }

    /** "Hugging Face cache · /path/to/snapshot". */
    public ReadOnlyStringProperty folder() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty architecture() {
        return architecture.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parameters() {
        return parameters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty contextLength() {
        return contextLength.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty layers() {
        return layers.getReadOnlyProperty();
    }

    /** Why the selected model cannot be used, or empty. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    /** "≈ 1.9 GiB", or "—" without a usable model. */
    public ReadOnlyStringProperty estimate() {
        return estimate.getReadOnlyProperty();
    }

    /** The estimate's three parts. */
    public ReadOnlyStringProperty breakdown() {
        return breakdown.getReadOnlyProperty();
    }

    /** Why the last setting was refused, or empty. */
    public ReadOnlyStringProperty settingsProblem() {
        return settingsProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty usable() {
        return usable.getReadOnlyProperty();
    }
}
