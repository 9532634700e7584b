package dev.whetstone.app.tasks;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.TaskProgressView;

/**
 * The status bar's task list: a button that says how many background tasks run ("2 tasks running") and
 * opens ControlsFX's {@link TaskProgressView} of them in a pop-over: each task's title, message, progress
 * and Cancel. View → Background tasks opens it too.
 */
public final class TaskListButton extends Button {
    private final TaskProgressView<TrackedTask> view = new TaskProgressView<>();
    private PopOver popOver;

    public TaskListButton(BackgroundTasks tasks) {
        setId("status-tasks");
        getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        textProperty().bind(tasks.summary());
        view.setId("task-list");
        view.getTasks().setAll(tasks.tasks());
        // mirrored by hand: the view also drops a task when it ends, so a content binding's indices would drift
        tasks.tasks().addListener((ListChangeListener<TrackedTask>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(view.getTasks()::remove);
                change.getAddedSubList().forEach(view.getTasks()::add);
            }
        });
        setOnAction(e -> show());
    }

    /** Opens the task list under this button. */
    public void show() {
        if (popOver == null) {
            Label title = new Label("Background tasks");
            title.getStyleClass().add(Styles.TEXT_BOLD);
            Label note = new Label("Runs, exports, merges and downloads; a task leaves the list when it ends.");
            note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            view.setPrefSize(420, 260);
            VBox box = new VBox(8, title, note, view);
            box.setPadding(new Insets(10));
            popOver = new PopOver(box);
            popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
            popOver.setDetachable(false);
        }
        if (!popOver.isShowing() && getScene() != null) {
            // ControlsFX puts popover.css (a white pop-over) on the pop-over's root, above the window's stylesheets;
            // the window's, added after it there, give it the theme's colours (whetstone.css's .popover rules)
            getScene().getStylesheets().stream().filter(sheet -> !popOver.getRoot().getStylesheets().contains(sheet))
                    .forEach(popOver.getRoot().getStylesheets()::add);
            popOver.show(this);
        }
    }

    /** The pop-over, once it has been opened (tests and screenshots). */
    public PopOver popOver() {
        return popOver;
    }

    /** The task list (tests). */
    public TaskProgressView<TrackedTask> view() {
        return view;
    }
}
