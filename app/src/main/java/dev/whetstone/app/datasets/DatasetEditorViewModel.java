package dev.whetstone.app.datasets;

import dev.whetstone.app.fx.HumanNames;
import dev.whetstone.app.fx.Plural;
import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.engine.data.CsvColumns;
import dev.whetstone.engine.data.DatasetFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The dataset editor: the rows of one file (broken lines kept as error rows), the selection, add /
 * duplicate / delete / edit with undo and redo, search, the train/validation split, and save back to
 * JSONL. Loading and saving run on workers with progress; loading can be cancelled.
 *
 * <p>Example: {@code editor.open(path, DatasetFormat.CHAT_MESSAGES, null).thenRun(() -> editor.add())}
 */
public final class DatasetEditorViewModel {
    private final Background background;
    private final ObservableList<DatasetRow> rows = FXCollections.observableArrayList();
    private final FilteredList<DatasetRow> shown = new FilteredList<>(rows, r -> true);
    private final ObjectProperty<DatasetRow> selected = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final DoubleProperty validationFraction = new SimpleDoubleProperty(0.1);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("Open a dataset from the library, or import a file.");
    private final EditHistory history = new EditHistory();
    private final LatestValue<Double> progressUpdates;
    private AtomicBoolean cancel = new AtomicBoolean();

    public DatasetEditorViewModel(Background background) {
        this.background = Objects.requireNonNull(background, "background");
        this.progressUpdates = background.bridge().latest(progress::set);
        search.addListener((obs, old, query) -> {
            String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(row -> row.matches(q));
        });
    }

    /** Loads {@code path} as {@code format} ({@code columns} for CSV); the edit history starts empty. */
    public CompletableFuture<Void> open(Path path, DatasetFormat format, CsvColumns columns) {
        return load(path, format, columns, path, false);
    }

    /** Loads {@code source} and saves it as JSONL to {@code target} (a library file), broken lines included. */
    public CompletableFuture<Void> importAs(Path source, DatasetFormat format, CsvColumns columns, Path target) {
        return load(source, format, columns, target, true);
    }

    private CompletableFuture<Void> load(Path source, DatasetFormat format, CsvColumns columns, Path target, boolean save) {
        cancel.set(true);
        AtomicBoolean mine = new AtomicBoolean();
        cancel = mine;
        busy.set(true);
        progress.set(0);
        showInfo("Reading " + source.getFileName() + "…");
        DatasetFileReader reader = new DatasetFileReader(progressUpdates::post, mine::get);
        return background.run(() -> {
            LoadedDataset loaded = reader.read(source, format, columns);
            if (save) {
                new DatasetFileWriter().write(target, loaded.rows());
            }
            return loaded;
        }, loaded -> {
            history.clear();
            rows.setAll(loaded.rows());
            file.set(target);
            dirty.set(false);
            updateHistory();
            selected.set(rows.stream().filter(r -> !r.isBroken()).findFirst().orElse(rows.isEmpty() ? null : rows.get(0)));
            long broken = loaded.brokenRows();
            String saved = save ? "; saved to the library as " + target.getFileName() : "";
            String text = Plural.of(loaded.rows().size() - broken, "row") + " read as " + HumanNames.format(loaded.format()) + saved
                    + (broken > 0 ? "; " + Plural.of(broken, "line") + " could not be read: they are listed as errors and kept on save" : "")
                    + loaded.fileProblems().stream().map(p -> "; " + p.message()).reduce("", String::concat);
            if (broken > 0 || !loaded.fileProblems().isEmpty()) {
                showError(text + ".");
            } else {
                showInfo(text + ".");
            }
            busy.set(false);   // last: the lint panel re-checks when loading ends
        }, error -> {
            busy.set(false);
            if (error instanceof CancellationException) {
                showInfo("Loading " + source.getFileName() + " was cancelled.");
            } else {
                showError("Could not read " + source.getFileName() + ": " + error.getMessage());
            }
        });
    }

    /** Stops a load in progress; the rows shown before stay. */
    public void cancelLoad() {
        cancel.set(true);
    }

    /** Writes the rows to the open file as JSONL. */
    public CompletableFuture<Void> save() {
        Path target = file.get();
        if (target == null) {
            showError("Nothing to save: open or import a dataset first.");
            return CompletableFuture.completedFuture(null);
        }
        List<DatasetRow> snapshot = List.copyOf(rows);
        busy.set(true);
        return background.run(() -> {
            new DatasetFileWriter().write(target, snapshot);
            return snapshot.size();
        }, count -> {
            busy.set(false);
            dirty.set(false);
            showInfo("Saved " + dev.whetstone.app.fx.Plural.of(count, "row") + " to " + target + ".");
        }, error -> {
            busy.set(false);
            showError(error.getMessage());
        });
    }

    /** Adds an empty user/assistant row after the selection (or at the end) and selects it. */
    public void add() {
        insertAfterSelection("Add a row", DatasetRow.blank());
    }

    /** Adds a copy of the selected row below it. */
    public void duplicateSelected() {
        if (selected.get() != null) {
            insertAfterSelection("Duplicate a row", selected.get());
        }
    }

    /** Deletes the selected row; the next one is selected. */
    public void deleteSelected() {
        int index = indexOfSelected();
        if (index >= 0) {
            apply(new RowEdit("Delete a row", index, List.of(rows.get(index)), List.of()));
            selected.set(rows.isEmpty() ? null : rows.get(Math.min(index, rows.size() - 1)));
        }
    }

    /** Replaces the selected row with {@code edited} (the row editor's result). */
    public void replaceSelected(DatasetRow edited) {
        int index = indexOfSelected();
        if (index >= 0 && !rows.get(index).equals(edited)) {
            apply(new RowEdit("Edit a row", index, List.of(rows.get(index)), List.of(edited)));
            selected.set(rows.get(index));
        }
    }

    public void undo() {
        history.undo(rows).ifPresent(edit -> afterHistoryMove(edit, true));
    }

    public void redo() {
        history.redo(rows).ifPresent(edit -> afterHistoryMove(edit, false));
    }

    /** The 1-based position of {@code row} in the file (not in the search result), or 0. */
    public int rowNumber(DatasetRow row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == row) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Selects the row at 1-based {@code number}, clearing a search that hides it (a lint finding was clicked). */
    public void selectRowNumber(int number) {
        if (number >= 1 && number <= rows.size()) {
            if (!shown.contains(rows.get(number - 1))) {
                search.set("");
            }
            selected.set(rows.get(number - 1));
        }
    }

    /** Sets the held-out share; values outside [0, 0.5] are refused with a message. */
    public boolean setValidationFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            showError("The validation share must be between 0 and 50%, was " + Math.round(fraction * 100) + "%.");
            return false;
        }
        validationFraction.set(fraction);
        return true;
    }

    private void insertAfterSelection(String name, DatasetRow row) {
        int index = indexOfSelected();
        int at = index < 0 ? rows.size() : index + 1;
        apply(new RowEdit(name, at, List.of(), List.of(row)));
        selected.set(rows.get(at));
    }

    private void apply(RowEdit edit) {
        history.apply(edit, rows);
        dirty.set(true);
        updateHistory();
        showInfo(edit.name() + " (" + dev.whetstone.app.fx.Plural.of(rows.size(), "row") + "). Undo with Ctrl+Z.");
    }

    private void afterHistoryMove(RowEdit edit, boolean undone) {
        dirty.set(true);
        updateHistory();
        List<DatasetRow> now = undone ? edit.removed() : edit.inserted();
        int at = Math.min(edit.index(), rows.size() - 1);
        selected.set(now.isEmpty() ? (at >= 0 ? rows.get(at) : null) : rows.get(edit.index()));
        showInfo((undone ? "Undid: " : "Redid: ") + edit.name() + ".");
    }

    private int indexOfSelected() {
        DatasetRow row = selected.get();
        return row == null ? -1 : rowNumber(row) - 1;
    }

    private void updateHistory() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }

    private void showInfo(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void showError(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    /** Every row of the file, in order. */
    public ObservableList<DatasetRow> rows() {
        return rows;
    }

    /** The rows the search lets through; the table shows these. */
    public ObservableList<DatasetRow> shownRows() {
        return shown;
    }

    public ObjectProperty<DatasetRow> selected() {
        return selected;
    }

    public StringProperty search() {
        return search;
    }

    /** The share of rows held out for evaluation, 0 to 0.5. */
    public ReadOnlyDoubleProperty validationFraction() {
        return validationFraction;
    }

    public ReadOnlyObjectProperty<Path> file() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndo() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedo() {
        return canRedo.getReadOnlyProperty();
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty messageIsError() {
        return messageIsError;
    }
}
