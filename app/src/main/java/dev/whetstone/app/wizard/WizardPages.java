package dev.whetstone.app.wizard;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.fx.BoundFields;
import dev.whetstone.app.fx.HumanNames;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The wizard's pages, one method per step; the {@link TrainView} shows the current one. */
final class WizardPages {
    private final TrainWizardViewModel model;

    WizardPages(TrainWizardViewModel model) {
        this.model = model;
    }

    Node modelPage() {
        FilteredList<ModelEntry> shown = new FilteredList<>(model.models());
        TextField search = new TextField();
        search.setId("wizard-model-search");
        search.setPromptText("Search models by name or folder");
        search.textProperty().addListener((obs, old, now) -> shown.setPredicate(m -> matches(m, now)));
        ListView<ModelEntry> list = new ListView<>(shown);
        list.setId("wizard-models");
        list.setPlaceholder(new Label("No model matches. Add models in Models (Ctrl+2)."));
        list.setCellFactory(v -> cell(m -> m.name() + (m.usable() ? "  ·  " + HumanNames.architecture(m.config().architecture())
                : "  ·  " + m.problem())));
        follow(list, model.model());
        return page("Which base model do you want to fine-tune?", search, list);
    }

    private static boolean matches(ModelEntry entry, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return q.isEmpty() || entry.name().toLowerCase(Locale.ROOT).contains(q)
                || entry.folder().toString().toLowerCase(Locale.ROOT).contains(q);
    }

    Node dataPage() {
        ListView<Path> list = new ListView<>(model.datasets());
        list.setId("wizard-datasets");
        list.setPrefHeight(140);
        list.setPlaceholder(new Label("The library is empty: import a dataset in Datasets (Ctrl+3)."));
        list.setCellFactory(v -> cell(model::datasetName));
        follow(list, model.dataset());
        ComboBox<TrainOn> trainOn = new ComboBox<>();
        trainOn.setId("wizard-train-on");
        trainOn.getItems().setAll(TrainOn.values());
        trainOn.setConverter(HumanNames.converter(HumanNames::trainOn));
        trainOn.valueProperty().bindBidirectional(model.trainOn());
        Spinner<Integer> validation = BoundFields.percentSpinner(model.validationFraction(), 50, 5);
        validation.setId("wizard-validation");
        validation.setPrefWidth(120);
        GridPane form = form();
        row(form, 0, "Max length (tokens)", intSpinner(model.maxLength(), 16, 32_768, 64, "wizard-max-length"));
        row(form, 1, "Train on", trainOn);
        row(form, 2, "Validation share (%)", validation);
        Button check = new Button("Check data");
        check.setId("wizard-check");
        check.disableProperty().bind(model.busy());
        check.setOnAction(e -> model.checkData());
        Label summary = new Label();
        summary.setId("wizard-data-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.data().summary());
        ListView<String> findings = new ListView<>(model.data().findings());
        findings.setId("wizard-findings");
        findings.setPlaceholder(new Label("No findings."));
        findings.setPrefHeight(160);
        VBox.setVgrow(findings, Priority.ALWAYS);
        return page("Which dataset? It is loaded and checked exactly as the run will see it.", list, form, check, summary,
                findings);
    }

    Node methodPage() {
        MethodSettings m = model.method();
        CheckBox advanced = new CheckBox("Advanced");
        advanced.setId("wizard-advanced");
        advanced.selectedProperty().bindBidirectional(m.advanced());
        TextField lr = BoundFields.decimalField(m.learningRate());
        lr.setId("wizard-lr");
        lr.setPrefWidth(120);
        Button suggest = new Button("Use suggestion");
        suggest.setOnAction(e -> m.useSuggestion());
        Label reason = new Label();
        reason.setId("wizard-lr-suggestion");
        reason.setWrapText(true);
        reason.getStyleClass().add(Styles.TEXT_MUTED);
        reason.textProperty().bind(m.suggestion());
        GridPane simple = form();
        row(simple, 0, "Method", objectiveChoice(m));
        row(simple, 1, "Weights", new Label("LoRA (only the adapter's weights are trained)"));
        row(simple, 2, "LoRA rank", intSpinner(m.rank(), 1, 512, 4, "wizard-rank"));
        row(simple, 3, "Learning rate", new javafx.scene.layout.HBox(6, lr, suggest));
        row(simple, 4, "Epochs", intSpinner(m.epochs(), 1, 100, 1, "wizard-epochs"));
        row(simple, 5, "Batch size", intSpinner(m.batchSize(), 1, 512, 1, "wizard-batch"));
        row(simple, 6, "Steps (0 = by epochs)", intSpinner(m.steps(), 0, 1_000_000, 10, "wizard-steps"));
        Label epochsNote = new Label("Steps, when set, decide the run's length; the epochs are then ignored.");
        epochsNote.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        epochsNote.visibleProperty().bind(m.steps().greaterThan(0));
        row(simple, 7, "", epochsNote);
        Node methodSettings = new MethodPanes(m).panes();
        GridPane more = form();
        row(more, 0, "Warm-up steps", intSpinner(m.warmupSteps(), 0, 10_000, 5, "wizard-warmup"));
        row(more, 1, "Evaluate every (steps)", intSpinner(m.evalEvery(), 0, 100_000, 10, "wizard-eval"));
        row(more, 2, "Checkpoint every (steps)", intSpinner(m.saveEvery(), 0, 100_000, 10, "wizard-save"));
        TextField seed = BoundFields.longField(m.seed());
        seed.setId("wizard-seed");
        seed.setPrefWidth(120);
        row(more, 3, "Seed", seed);
        more.visibleProperty().bind(m.advanced());
        more.managedProperty().bind(more.visibleProperty());
        return page("How should it train?", advanced, simple, methodSettings, reason, more);
    }

    private static ComboBox<TrainingConfig.Objective> objectiveChoice(MethodSettings m) {
        ComboBox<TrainingConfig.Objective> choice = new ComboBox<>();
        choice.setId("wizard-objective");
        choice.getItems().setAll(TrainingConfig.Objective.values());
        choice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(TrainingConfig.Objective o) {
                return o == null ? "" : MethodPanes.describe(o);
            }

            @Override
            public TrainingConfig.Objective fromString(String text) {
                return null;
            }
        });
        choice.valueProperty().bindBidirectional(m.objective());
        return choice;
    }

    Node reviewPage() {
        Label card = new Label();
        card.setId("wizard-run-card");
        card.getStyleClass().add("run-card");
        card.setStyle("-fx-font-family: monospace;");
        card.textProperty().bind(model.review().map(Review::card).orElse(""));
        Label note = new Label("Estimates are rough (±50%); the run dashboard shows measured speed. Start hands this"
                + " config and the checked data to the run supervisor; Add to queue saves it for Runs → Run queue.");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        Label queued = new Label();
        queued.setId("wizard-queued");
        queued.setWrapText(true);
        queued.textProperty().bind(model.queuedNote());
        ReviewSamples samples = new ReviewSamples(model);
        return page("Review the run", card, samples.pairs(), samples.rewardTrial(), note, queued);
    }

    Node startedPage() {
        LaunchedRun run = model.launched();
        Label headline = new Label();
        headline.setId("wizard-run-headline");
        headline.getStyleClass().add(Styles.TITLE_4);
        headline.textProperty().bind(run.headline());
        Label id = new Label();
        id.setId("wizard-run-id");
        id.getStyleClass().add(Styles.TEXT_BOLD);
        id.textProperty().bind(run.runId().map(r -> "Run " + r));
        Label progress = new Label();
        progress.setId("wizard-run-progress");
        progress.textProperty().bind(run.progress());
        Button stop = new Button("Stop");
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(run.active().not());
        stop.setOnAction(e -> run.stop());
        Button another = new Button("Set up another run");
        another.setId("wizard-new-run");
        another.setOnAction(e -> model.newRun());
        VBox box = new VBox(10, headline, id, progress, new javafx.scene.layout.HBox(8, stop, another));
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /** Keeps {@code list}'s selection and {@code chosen} the same; a filter that hides the choice leaves it chosen. */
    private static <T> void follow(ListView<T> list, javafx.beans.property.ObjectProperty<T> chosen) {
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                chosen.set(now);
            }
        });
        chosen.addListener((obs, old, now) -> select(list, now));
        select(list, chosen.get());
        list.getItems().addListener((javafx.collections.ListChangeListener<T>) c -> select(list, chosen.get()));
    }

    private static <T> void select(ListView<T> list, T item) {
        if (item == null || !list.getItems().contains(item)) {
            list.getSelectionModel().clearSelection();
        } else if (!item.equals(list.getSelectionModel().getSelectedItem())) {
            list.getSelectionModel().select(item);
            list.scrollTo(item);
        }
    }

    private static VBox page(String question, Node... content) {
        Label title = new Label(question);
        title.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(10, title);
        box.getChildren().addAll(content);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, Node field) {
        grid.add(new Label(label), 0, row);
        grid.add(field, 1, row);
    }

    private static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max, int step, String id) {
        Spinner<Integer> spinner = BoundFields.intSpinner(property, min, max, step);
        spinner.setId(id);
        spinner.setPrefWidth(120);
        return spinner;
    }

    private static <T> ListCell<T> cell(Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

}
