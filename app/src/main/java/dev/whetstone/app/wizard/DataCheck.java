package dev.whetstone.app.wizard;

import dev.whetstone.app.datasets.DatasetFileReader;
import dev.whetstone.app.fx.HumanNames;
import dev.whetstone.app.fx.Plural;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.run.TrainingDataLoader;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Data step's result: the dataset as the run will see it, the lint summary, the findings (blocking
 * ones first) and whether anything blocks the run. Empty until checked; cleared when a choice changes.
 */
public final class DataCheck {
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Not checked yet.");
    private final ReadOnlyBooleanWrapper blocking = new ReadOnlyBooleanWrapper();
    private TrainingDataLoader.Loaded loaded;
    private String failure;

    void clear() {
        loaded = null;
        failure = null;
        blocking.set(false);
        findings.clear();
        summary.set("Not checked yet.");
    }

    void checking() {
        summary.set("Checking the dataset as the run will read it …");
    }

    /** Whether nothing is known yet: neither a result nor a failure. */
    boolean unchecked() {
        return loaded == null && failure == null;
    }

    void show(TrainingDataLoader.Loaded result) {
        loaded = result;
        failure = null;
        long errors = result.problems().stream().filter(DataProblem::blocking).count();
        blocking.set(result.blocking());
        findings.setAll(result.problems().stream().sorted((a, b) -> Boolean.compare(b.blocking(), a.blocking()))
                .map(p -> (p.blocking() ? "error · " : "warning · ") + DatasetFileReader.shortForm(p)).toList());
        summary.set(Plural.of(result.data().examples(), "training example") + " and "
                + Plural.of(result.data().heldoutExamples(), "validation example") + " read as "
                + HumanNames.format(result.format()) + " · " + Plural.of(result.lint().trainedTokens(), "trained token")
                + " · " + result.data().truncatedExamples() + " truncated · " + Plural.of(errors, "error") + ", "
                + Plural.of(result.problems().size() - errors, "warning"));
    }

    void fail(String message) {
        loaded = null;
        failure = message;
        blocking.set(true);
        findings.setAll("error · " + message);
        summary.set("The dataset cannot be trained on.");
    }

    /** Why the run cannot go on with this data, or null when it can. */
    String problem() {
        if (failure != null) {
            return failure;
        }
        if (loaded == null) {
            return "Check the dataset first.";
        }
        if (loaded.blocking()) {
            return "The dataset has blocking problems (listed above): fix them in Datasets, then check again.";
        }
        return null;
    }

    TrainingDataLoader.Loaded loaded() {
        return loaded;
    }

    public ObservableList<String> findings() {
        return findings;
    }

    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty blocking() {
        return blocking.getReadOnlyProperty();
    }
}
