package dev.whetstone.app.datasets;

import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.data.SupervisedExampleBuilder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The token inspector: renders the selected row with the chosen model's chat template on a worker and
 * shows which tokens are trained, which are masked, the EOS and where truncation cuts. Follows the
 * editor's selection and the render settings; the newest request wins.
 *
 * <p>Example: {@code inspector.inspect(row).thenRun(() -> inspector.row().get().trainedTokens())}
 */
public final class TokenInspectorViewModel {
    private static final Path EDITED = Path.of("editor");

    private final Background background;
    private final ObservableValue<DatasetRow> selection;
    private final RenderSettingsViewModel settings;
    private final ReadOnlyObjectWrapper<InspectedRow> row = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Select a row to see its tokens.");
    private long generation;

    public TokenInspectorViewModel(Background background, ObservableValue<DatasetRow> selection,
                                   RenderSettingsViewModel settings) {
        this.background = Objects.requireNonNull(background, "background");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.settings = Objects.requireNonNull(settings, "settings");
        selection.addListener((obs, old, now) -> inspect(now));
        settings.builder().addListener((obs, old, now) -> inspect(selection.getValue()));
    }

    /** Renders {@code selected} with the current settings. */
    public CompletableFuture<Void> inspect(DatasetRow selected) {
        long mine = ++generation;
        SupervisedExampleBuilder builder = settings.builder().get();
        if (selected == null || selected.isBroken() || builder == null) {
            row.set(null);
            message.set(selected == null ? "Select a row to see its tokens."
                    : selected.isBroken() ? "This line could not be read: " + selected.problem()
                    : settings.problem().get());
            return CompletableFuture.completedFuture(null);
        }
        message.set("Rendering…");
        return background.run(() -> InspectedRow.of(builder.render(selected.toExample(EDITED, 1)), builder.maxLength(),
                builder.stopTokenIds()), inspected -> {
                    if (mine == generation) {
                        row.set(inspected);
                        message.set(inspected.summary());
                    }
                }, error -> {
                    if (mine == generation) {
                        row.set(null);
                        message.set("The chat template cannot render this row: " + error.getMessage());
                    }
                });
    }

    /** The rendered row, or null (nothing selected, a broken row, or no model). */
    public ReadOnlyObjectProperty<InspectedRow> row() {
        return row.getReadOnlyProperty();
    }

    /** The counts, or why there is nothing to show. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }
}
