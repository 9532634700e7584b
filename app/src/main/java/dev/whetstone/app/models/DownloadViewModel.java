package dev.whetstone.app.models;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.app.fx.Units;
import dev.whetstone.engine.hub.DownloadProgress;
import dev.whetstone.engine.hub.DownloadedModel;
import dev.whetstone.engine.hub.HubSettings;
import dev.whetstone.engine.hub.ModelDownloader;
import dev.whetstone.engine.hub.ModelRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Download dialog: a repo id and revision (typed, or picked from {@link RecommendedModel#all()} with each
 * one's download size and LoRA memory estimate), then the download with its progress, speed and cancel.
 * The download runs on its own thread; its progress reaches the FX thread through the bridge, coalesced.
 * When it is done the Models list is rescanned and the new model selected.
 *
 * <p>Example: {@code download.choose(RecommendedModel.all().get(0)); download.start();}
 */
public final class DownloadViewModel {
    /** A progress bar's "busy, amount unknown" ({@code ProgressIndicator.INDETERMINATE_PROGRESS}, not imported here). */
    static final double INDETERMINATE = -1;

    /** A suggested model with its sizes as text. */
    public record Suggestion(RecommendedModel model, String download, String loraMemory) {
    }

    private final Background background;
    private final ModelDownloader downloader;
    private final ModelDetailsViewModel details;
    private final Consumer<Path> onDownloaded;
    private final StringProperty repoId = new SimpleStringProperty("");
    private final StringProperty revision = new SimpleStringProperty(ModelRequest.DEFAULT_REVISION);
    private final ReadOnlyBooleanWrapper downloading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final LatestValue<DownloadProgress> progressUpdates;
    private CompletableFuture<DownloadedModel> running;

    /**
     * A dialog model over {@code downloader}; estimates use the Models pane's settings in {@code details};
     * {@code onDownloaded} gets the new model's folder on the FX thread.
     */
    public DownloadViewModel(Background background, ModelDownloader downloader, ModelDetailsViewModel details,
                             Consumer<Path> onDownloaded) {
        this.background = Objects.requireNonNull(background, "background");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.details = Objects.requireNonNull(details, "details");
        this.onDownloaded = Objects.requireNonNull(onDownloaded, "onDownloaded");
        this.progressUpdates = background.bridge().latest(this::showProgress);
    }

    /** The suggestions with their download size and the LoRA memory at the Models pane's settings. */
    public List<Suggestion> suggestions() {
        return RecommendedModel.all().stream().map(m -> new Suggestion(m, Units.bytes(m.downloadBytes()),
                "≈ " + Units.bytes(details.estimateFor(m.shape()).totalBytes()))).toList();
    }

    /** What the LoRA memory column assumes: the Models pane's rank, batch, length and device. */
    public String estimateBasis() {
        return "LoRA memory at " + details.estimateBasis() + " (set them in the Models pane)";
    }

    /** Where files go and which settings apply, for the dialog's footnote. */
    public String whereFilesGo() {
        HubSettings settings = downloader.settings();
        return "Files go to the Hugging Face cache, " + settings.cache() + " (HF_HUB_CACHE / HF_HOME), shared with the"
                + " Python tools. From " + settings.endpoint() + (settings.hasToken() ? ", with your token (HF_TOKEN)" : "")
                + (settings.offline() ? ". HF_HUB_OFFLINE is set: only models already in the cache can be opened." : ".");
    }

    /** Takes a suggestion's repo id at {@code main}. */
    public void choose(RecommendedModel model) {
        repoId.set(model.repoId());
        revision.set(ModelRequest.DEFAULT_REVISION);
        if (model.gated()) {
            showInfo(model.repoId() + " is gated: log in on its hub page, accept the licence, and set HF_TOKEN to a read"
                    + " token before starting Whetstone.");
        } else {
            showInfo("");
        }
    }

    /** Starts downloading the repo id at the revision; a bad id is refused with a message. The future is for tests. */
    public CompletableFuture<Void> start() {
        if (downloading.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ModelRequest request;
        try {
            request = ModelRequest.of(repoId.get(), revision.get());
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        downloading.set(true);
        progress.set(INDETERMINATE);
        status.set("Asking " + downloader.settings().endpoint() + " for " + request + "…");
        showInfo("");
        running = downloader.download(request, progressUpdates::post);
        return background.whenDone(running, model -> {
            downloading.set(false);
            progress.set(1);
            status.set(model.bytesDownloaded() == 0 ? "Already in the cache." : "Downloaded " + Units.bytes(model.bytesDownloaded()) + ".");
            showInfo(request + " is ready at " + model.folder() + ". It is selected in the Models list.");
            onDownloaded.accept(model.folder());
        }, error -> {
            downloading.set(false);
            if (error instanceof CancellationException) {
                status.set("Stopped. Download again to continue where it stopped.");
            } else {
                status.set("");
                showError(error.getMessage());
            }
        });
    }

    /** Stops the download; what arrived stays in the cache, so the next download of the model continues from it. */
    public void cancel() {
        if (running != null && downloading.get()) {
            running.cancel(true);
        }
    }

    private void showProgress(DownloadProgress p) {
        if (!downloading.get()) {
            return;
        }
        progress.set(p.bytesTotal() > 0 ? p.fraction() : INDETERMINATE);
        status.set(p.filesDone() + " of " + p.filesTotal() + " files · " + DownloadStatus.line(p));
    }

    public StringProperty repoId() {
        return repoId;
    }

    public StringProperty revision() {
        return revision;
    }

    /** Whether Download can be pressed: nothing running and a repo id typed. */
    public BooleanBinding canStart() {
        return downloading.not().and(repoId.isNotEmpty());
    }

    public ReadOnlyBooleanProperty downloading() {
        return downloading.getReadOnlyProperty();
    }

    /** 0 to 1, or -1 while the size is not known yet. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** "2 of 6 files · 612.3 MiB of 1.4 GiB · 23.1 MiB/s · about 34 s left · model.safetensors". */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** The outcome, or what to do about a failure. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsError() {
        return messageIsError.getReadOnlyProperty();
    }

    private void showInfo(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void showError(String text) {
        messageIsError.set(true);
        message.set(text);
    }
}
