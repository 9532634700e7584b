package dev.whetstone.app.datasets;

import dev.whetstone.app.fx.Plural;
import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetLint;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.LintReport;
import dev.whetstone.engine.data.LintRule;
import dev.whetstone.engine.data.SourceLine;
import dev.whetstone.engine.data.SupervisedExampleBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lint panel: runs the engine's {@link DatasetLint} over the editor's rows (the last share of rows as
 * the validation split) on a worker, and lists the findings, each pointing at its row, with the
 * token-length histogram. Rows that could not be read are findings too. Runs after a file is opened and
 * when the render settings change; {@link #check()} runs it again after edits.
 */
public final class LintViewModel {
    private static final Path ROWS = Path.of("row");

    private final Background background;
    private final DatasetEditorViewModel editor;
    private final RenderSettingsViewModel settings;
    private final ObservableList<LintFinding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LintReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private long generation;

    public LintViewModel(Background background, DatasetEditorViewModel editor, RenderSettingsViewModel settings) {
        this.background = Objects.requireNonNull(background, "background");
        this.editor = Objects.requireNonNull(editor, "editor");
        this.settings = Objects.requireNonNull(settings, "settings");
        editor.busy().addListener((obs, was, now) -> {
            if (was && !now) {
                check();
            }
        });
        settings.builder().addListener((obs, old, now) -> check());
    }

    /** Lints the rows as they are now. */
    public CompletableFuture<Void> check() {
        long mine = ++generation;
        SupervisedExampleBuilder builder = settings.builder().get();
        if (builder == null || editor.rows().isEmpty()) {
            findings.clear();
            report.set(null);
            summary.set(builder == null ? settings.problem().get() : "No rows to check.");
            return CompletableFuture.completedFuture(null);
        }
        List<DatasetRow> rows = List.copyOf(editor.rows());
        double fraction = editor.validationFraction().get();
        running.set(true);
        summary.set("Checking " + dev.whetstone.app.fx.Plural.of(rows.size(), "row") + "…");
        return background.run(() -> lint(builder, rows, fraction), result -> {
            if (mine == generation) {
                running.set(false);
                show(result, rows);
            }
        }, error -> {
            if (mine == generation) {
                running.set(false);
                summary.set("Lint failed: " + error.getMessage());
            }
        });
    }

    private static LintReport lint(SupervisedExampleBuilder builder, List<DatasetRow> rows, double fraction) {
        List<Example> readable = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isBroken()) {
                readable.add(rows.get(i).toExample(ROWS, i + 1));
            }
        }
        int validation = (int) Math.floor(readable.size() * fraction);
        int cut = readable.size() - validation;
        return new DatasetLint(builder).lint(readable.subList(0, cut), readable.subList(cut, readable.size()));
    }

    private void show(LintReport result, List<DatasetRow> rows) {
        List<LintFinding> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).isBroken()) {
                all.add(LintFinding.of(DataProblem.of(LintRule.UNREADABLE_ROW, new SourceLine(ROWS, i + 1), "",
                        rows.get(i).problem())));
            }
        }
        result.problems().stream().map(LintFinding::of).forEach(all::add);
        findings.setAll(all);
        report.set(result);
        long errors = all.stream().filter(LintFinding::blocking).count();
        summary.set(Plural.of(result.rows(), "training row") + " and " + Plural.of(result.validationRows(), "validation row")
                + " · " + Plural.of(result.trainedTokens(), "trained token") + " · " + Plural.of(errors, "error") + ", "
                + Plural.of(all.size() - errors, "warning") + (errors > 0 ? " — errors block a run" : ""));
    }

    /** Whether the last check found anything that blocks a run. */
    public boolean blocking() {
        return findings.stream().anyMatch(LintFinding::blocking);
    }

    public ObservableList<LintFinding> findings() {
        return findings;
    }

    /** The last report (its histogram feeds the chart), or null. */
    public ReadOnlyObjectProperty<LintReport> report() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** Selects the finding's row in the editor. */
    public void open(LintFinding finding) {
        editor.selectRowNumber(finding.rowNumber());
    }
}
