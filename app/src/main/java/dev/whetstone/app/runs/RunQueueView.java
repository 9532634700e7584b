package dev.whetstone.app.runs;

import atlantafx.base.theme.Styles;
import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The run queue under the run history: the queued runs, next first, with Move up / Move down / Remove… and Run queue. */
public final class RunQueueView extends VBox {
    private final RunQueueViewModel model;
    private final ListView<TrainingConfig> list = new ListView<>();

    public RunQueueView(RunQueueViewModel model) {
        super(6);
        this.model = model;
        Label title = new Label("Queue");
        title.getStyleClass().add(Styles.TITLE_4);
        list.setId("queue-list");
        list.setItems(model.queued());
        list.setPrefHeight(130);
        list.setMinHeight(100);
        list.setPlaceholder(new Label("Nothing queued: \"Add to queue\" on the Train wizard's Review page."));
        list.setCellFactory(v -> new QueuedCell());
        Button up = action("Move up", "queue-up", model::moveUp);
        Button down = action("Move down", "queue-down", model::moveDown);
        Button remove = action("Remove…", "queue-remove", this::confirmRemove);
        remove.getStyleClass().add(Styles.DANGER);
        Button run = new Button("Run queue");
        run.setId("queue-run");
        run.getStyleClass().add(Styles.SUCCESS);
        run.disableProperty().bind(model.draining().or(javafx.beans.binding.Bindings.isEmpty(model.queued())));
        run.setOnAction(e -> model.runAll());
        Label message = new Label();
        message.setId("queue-message");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        message.textProperty().bind(model.message());
        getChildren().addAll(title, list, new FlowPane(6, 6, up, down, remove, run), message);
    }

    private Button action(String text, String id, Consumer<TrainingConfig> act) {
        Button b = new Button(text);
        b.setId(id);
        b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        b.setOnAction(e -> {
            TrainingConfig selected = list.getSelectionModel().getSelectedItem();
            act.accept(selected);
            reselectAfterEdit(selected.runId());
        });
        return b;
    }

    /** Keeps the moved run selected once the list is re-read, so it can be moved again. */
    private void reselectAfterEdit(String runId) {
        model.queued().addListener(new javafx.collections.ListChangeListener<TrainingConfig>() {
            @Override
            public void onChanged(Change<? extends TrainingConfig> c) {
                model.queued().removeListener(this);
                model.queued().stream().filter(q -> q.runId().equals(runId)).findFirst()
                        .ifPresent(q -> list.getSelectionModel().select(q));
            }
        });
    }

    private void confirmRemove(TrainingConfig config) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Take " + config.runId() + " off the queue? Its config is"
                + " not kept anywhere else.", ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Remove " + config.runId() + " from the queue?");
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.remove(config));
    }

    /** One queued run: its id, then model, dataset and steps. */
    private static final class QueuedCell extends ListCell<TrainingConfig> {
        @Override
        protected void updateItem(TrainingConfig c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : c.runId() + "\n" + name(c.baseModel()) + " · " + name(c.dataset()) + " · "
                    + (c.steps() != null ? c.steps() + " steps" : c.epochs() + " epoch" + (c.epochs() == 1 ? "" : "s")));
        }

        private static String name(String path) {
            Path p = Path.of(path).getFileName();
            return p == null ? path : p.toString();
        }
    }
}
