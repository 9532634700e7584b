package dev.whetstone.app.datasets;

import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.data.CsvColumns;
import dev.whetstone.engine.data.DatasetFormat;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Datasets pane's library and import: the files under {@code <home>/datasets/}, and the two-step
 * import (detect the format and show why; for CSV choose the columns; then import into the library and
 * open in the editor).
 *
 * <p>Example: {@code datasets.detect(Path.of("qa.csv")).thenCompose(d -> datasets.confirmImport())}
 */
public final class DatasetsViewModel {
    private final Background background;
    private final DatasetLibrary library;
    private final DatasetEditorViewModel editor;
    private final ObservableList<Path> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<Path> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ImportPlan> plan = new ReadOnlyObjectWrapper<>();
    private final StringProperty promptColumn = new SimpleStringProperty();
    private final StringProperty completionColumn = new SimpleStringProperty();
    private final StringProperty systemColumn = new SimpleStringProperty();
    private final StringProperty source = new SimpleStringProperty("");

    public DatasetsViewModel(Background background, DatasetLibrary library, DatasetEditorViewModel editor) {
        this.background = Objects.requireNonNull(background, "background");
        this.library = Objects.requireNonNull(library, "library");
        this.editor = Objects.requireNonNull(editor, "editor");
    }

    /** Lists the library again. */
    public CompletableFuture<Void> refresh() {
        return background.run(library::list, datasets::setAll,
                error -> editor.messageIsError().set(true));
    }

    /** Opens the library file {@code file} in the editor. */
    public CompletableFuture<Void> open(Path file) {
        selected.set(file);
        return background.run(() -> ImportPlan.detect(file), found -> {
            CsvColumns columns = found.guessedColumns().orElse(null);
            if (found.isCsv() && columns == null) {
                showError(found.summary());
                return;
            }
            editor.open(file, found.detection().format(), columns);
        }, error -> showError("Could not open " + file.getFileName() + ": " + error.getMessage()));
    }

    /**
     * Files dropped on the pane: the first one goes into the import row and is detected, ready for Import;
     * the message names any others (one import at a time, since each may need its columns chosen).
     */
    public CompletableFuture<Void> dropped(java.util.List<Path> files) {
        if (files.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Path first = files.get(0);
        source.set(first.toString());
        CompletableFuture<Void> detected = detect(first);
        if (files.size() > 1) {
            return detected.thenRun(() -> {
                editor.messageIsError().set(false);
                editor.message().set(editor.message().get() + ". Dropped " + files.size() + " files: import them one at a time;"
                        + " this is " + first.getFileName() + ".");
            });
        }
        return detected;
    }

    /** Step one of an import: detects the format of {@code source} and shows it with the reason. */
    public CompletableFuture<Void> detect(Path source) {
        return background.run(() -> ImportPlan.detect(source), found -> {
            plan.set(found);
            CsvColumns guess = found.guessedColumns().orElse(null);
            promptColumn.set(guess == null ? null : guess.prompt().or(guess::text).orElse(null));
            completionColumn.set(guess == null ? null : guess.completion().orElse(null));
            systemColumn.set(guess == null ? null : guess.system().orElse(null));
            editor.messageIsError().set(false);
            editor.message().set(found.summary());
        }, error -> {
            plan.set(null);
            showError("Cannot import " + source.getFileName() + ": " + error.getMessage());
        });
    }

    /** Step two: imports the detected file into the library (as JSONL) and opens it; refuses a CSV without columns. */
    public CompletableFuture<Void> confirmImport() {
        ImportPlan current = plan.get();
        if (current == null) {
            showError("Choose a file to import first.");
            return CompletableFuture.completedFuture(null);
        }
        CsvColumns columns = null;
        if (current.isCsv()) {
            columns = csvColumns();
            if (columns == null) {
                showError("Choose the prompt and completion columns (or only a text column) of " + current.source().getFileName() + ".");
                return CompletableFuture.completedFuture(null);
            }
        }
        Path target = library.freeName(current.libraryName());
        DatasetFormat format = current.detection().format();
        plan.set(null);
        return editor.importAs(current.source(), format, columns, target).thenCompose(done -> {
            CompletableFuture<Void> listed = new CompletableFuture<>();
            background.run(library::list, found -> {
                datasets.setAll(found);
                selected.set(target);
            }, error -> { }).whenComplete((v, e) -> listed.complete(null));
            return listed;
        });
    }

    /** Drops the detected file without importing it. */
    public void cancelImport() {
        plan.set(null);
    }

    /** The CSV mapping the column choices make: prompt + completion, or prompt alone as a text column. */
    CsvColumns csvColumns() {
        String prompt = blankToNull(promptColumn.get());
        String completion = blankToNull(completionColumn.get());
        if (prompt == null) {
            return null;
        }
        CsvColumns columns = completion == null ? CsvColumns.text(prompt) : CsvColumns.promptCompletion(prompt, completion);
        String system = blankToNull(systemColumn.get());
        return system == null || completion == null ? columns : columns.withSystem(system);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void showError(String text) {
        editor.messageIsError().set(true);
        editor.message().set(text);
    }

    public ObservableList<Path> datasets() {
        return datasets;
    }

    public ObjectProperty<Path> selected() {
        return selected;
    }

    /** The import waiting for confirmation, or null. */
    public ReadOnlyObjectProperty<ImportPlan> plan() {
        return plan.getReadOnlyProperty();
    }

    /** The CSV prompt column (or the text column when no completion column is chosen). */
    public StringProperty promptColumn() {
        return promptColumn;
    }

    public StringProperty completionColumn() {
        return completionColumn;
    }

    /** The file to import, as the import row shows it (typed, browsed to, or dropped). */
    public StringProperty source() {
        return source;
    }

    public StringProperty systemColumn() {
        return systemColumn;
    }

    /** How the library names {@code file} ({@code whetstone-starter/word-kind/train.jsonl}). */
    public String name(Path file) {
        return library.name(file);
    }

    public String libraryFolder() {
        return library.folder().toString();
    }

    public DatasetEditorViewModel editor() {
        return editor;
    }
}
