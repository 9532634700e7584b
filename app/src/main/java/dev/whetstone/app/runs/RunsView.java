package dev.whetstone.app.runs;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Runs pane: the history on the left (multi-select), and on the right the selected run's dashboard,
 * or, with several selected, their loss curves overlaid and their configs side by side; the run queue below the history.
 */
public final class RunsView extends SplitPane {
    private final RunsViewModel model;
    private final ListView<RunRow> list = new ListView<>();
    private final TabPane tabs = new TabPane();
    private final PlotChart overlay = new PlotChart("Train loss (smoothed)");
    private final Tab dashboardTab;
    private final Tab compareTab;
    private final javafx.beans.property.BooleanProperty notifications;
    private final RunQueueView queue;

    /** The pane; its "Notify me" box flips {@code notifications} (the setting, saved as it changes). */
    public RunsView(RunsViewModel model, RunQueueViewModel queue, javafx.beans.property.BooleanProperty notifications) {
        this.model = model;
        this.queue = new RunQueueView(queue);
        this.notifications = notifications;
        list.setId("runs-list");
        list.setItems(model.runs());
        list.setCellFactory(v -> new RunCell());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c -> selectionChanged());
        dashboardTab = new Tab("Dashboard", new RunDashboardView(model.dashboard(), this::resumeSelected));
        compareTab = new Tab("Compare", compare());
        tabs.getTabs().addAll(dashboardTab, compareTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        getItems().addAll(side(), tabs);
        setDividerPositions(0.28);
        model.overlay().addListener((ListChangeListener<RunsViewModel.Overlay>) c -> overlay.showAll(
                model.overlay().stream().map(RunsViewModel.Overlay::runId).toList(),
                model.overlay().stream().map(RunsViewModel.Overlay::loss).toList()));
    }

    private VBox side() {
        Label title = new Label("Runs");
        title.getStyleClass().add(Styles.TITLE_3);
        Spinner<Integer> extra = new Spinner<>(1, 100_000, 100);
        extra.setEditable(true);
        extra.setPrefWidth(100);
        Button extend = new Button("Extend");
        extend.setOnAction(e -> one().ifPresent(r -> model.extend(r, extra.getValue())));
        Button resume = new Button("Resume");
        resume.setId("runs-resume");
        resume.setOnAction(e -> resumeSelected());
        Button duplicate = new Button("Duplicate");
        duplicate.setOnAction(e -> one().ifPresent(model::duplicate));
        Button delete = new Button("Delete…");
        delete.setId("runs-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> one().ifPresent(this::confirmDelete));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Button folder = new Button("Show in folder");
        folder.setId("runs-show-folder");
        folder.setOnAction(e -> one().ifPresent(model::showInFolder));
        FlowPane actions = new FlowPane(6, 6, resume, duplicate, delete, folder, refresh, extend, extra);
        Label message = new Label();
        message.setId("runs-message");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        message.textProperty().bind(model.message());
        Label hint = new Label("Ctrl-click several runs to compare them.");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox.setVgrow(list, Priority.ALWAYS);
        javafx.scene.control.CheckBox notify = new javafx.scene.control.CheckBox("Notify me when a run ends, fails or is paused by the guard");
        notify.setId("runs-notify");
        notify.setWrapText(true);
        notify.getStyleClass().add(Styles.TEXT_SMALL);
        notify.selectedProperty().bindBidirectional(notifications);
        VBox side = new VBox(8, title, list, hint, actions, message, queue, notify);
        side.setPadding(new Insets(12));
        side.setMinWidth(260);
        return side;
    }

    private VBox compare() {
        javafx.scene.control.TableView<ConfigDiff.Row> table = new ConfigDiffTable(model.diff());
        VBox.setVgrow(overlay, Priority.ALWAYS);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, overlay, table);
        box.setPadding(new Insets(12));
        return box;
    }

    private void selectionChanged() {
        List<RunRow> selected = List.copyOf(list.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        tabs.getSelectionModel().select(selected.size() > 1 ? compareTab : dashboardTab);
        model.select(selected);
    }

    private java.util.Optional<RunRow> one() {
        return java.util.Optional.ofNullable(list.getSelectionModel().getSelectedItem());
    }

    private void resumeSelected() {
        one().ifPresent(model::resume);
    }

    private void confirmDelete(RunRow row) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Delete run " + row.runId()
                + " with all its checkpoints? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Delete " + row.runId() + "?");
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.delete(row));
    }
}
