package dev.whetstone.app.wizard;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.beans.binding.Bindings;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Train pane: the step trail, the current step's page (scrolling when taller than the window), why it cannot go on, and Back / Next / Start. */
public final class TrainView extends VBox {
    private final TrainWizardViewModel model;
    private final Map<WizardStep, Label> trail = new EnumMap<>(WizardStep.class);
    private final Map<WizardStep, Node> pages = new EnumMap<>(WizardStep.class);
    private final StackPane content = new StackPane();
    private final ScrollPane scroll = new ScrollPane(content);

    public TrainView(TrainWizardViewModel model) {
        super(12);
        this.model = model;
        setPadding(new Insets(20, 24, 16, 24));
        Label title = new Label("Train");
        title.getStyleClass().add(Styles.TITLE_2);
        WizardPages built = new WizardPages(model);
        pages.put(WizardStep.MODEL, built.modelPage());
        pages.put(WizardStep.DATA, built.dataPage());
        pages.put(WizardStep.METHOD, built.methodPage());
        pages.put(WizardStep.REVIEW, built.reviewPage());
        pages.put(WizardStep.STARTED, built.startedPage());
        content.setAlignment(Pos.TOP_LEFT);
        // a page taller than the window (DPO/GRPO settings with Advanced open) scrolls; Back / Next stay in view
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        content.minHeightProperty().bind(Bindings.createDoubleBinding(() -> scroll.getViewportBounds().getHeight(),
                scroll.viewportBoundsProperty()));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("wizard-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problem());
        getChildren().addAll(title, trail(), scroll, problem, buttons());
        model.step().addListener((obs, old, now) -> show(now));
        show(model.step().get());
    }

    private HBox trail() {
        HBox box = new HBox(6);
        box.setAlignment(Pos.CENTER_LEFT);
        for (WizardStep step : WizardStep.values()) {
            Label label = new Label((step.ordinal() + 1) + "  " + step.title());
            label.setId("wizard-step-" + step.name().toLowerCase(java.util.Locale.ROOT));
            label.getStyleClass().add("wizard-step");
            trail.put(step, label);
            box.getChildren().add(label);
            if (step.ordinal() < WizardStep.values().length - 1) {
                box.getChildren().add(new Label("›"));
            }
        }
        return box;
    }

    private HBox buttons() {
        Button back = new Button("Back");
        back.setId("wizard-back");
        back.setOnAction(e -> model.back());
        back.disableProperty().bind(model.step().isEqualTo(WizardStep.MODEL).or(model.step().isEqualTo(WizardStep.STARTED)));
        Button next = new Button("Next");
        next.setId("wizard-next");
        next.getStyleClass().add(Styles.ACCENT);
        next.setOnAction(e -> model.next());
        next.visibleProperty().bind(model.step().isNotEqualTo(WizardStep.REVIEW).and(model.step().isNotEqualTo(WizardStep.STARTED)));
        next.managedProperty().bind(next.visibleProperty());
        next.disableProperty().bind(model.busy());
        Button start = new Button("Start training");
        start.setId("wizard-start");
        start.getStyleClass().add(Styles.SUCCESS);
        start.setOnAction(e -> model.start());
        start.visibleProperty().bind(model.step().isEqualTo(WizardStep.REVIEW));
        start.managedProperty().bind(start.visibleProperty());
        start.disableProperty().bind(model.busy());
        Button queue = new Button("Add to queue");
        queue.setId("wizard-add-to-queue");
        queue.setOnAction(e -> model.addToQueue());
        queue.visibleProperty().bind(start.visibleProperty());
        queue.managedProperty().bind(queue.visibleProperty());
        queue.disableProperty().bind(model.busy());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.busy());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8, busy, spacer, back, next, queue, start);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    private void show(WizardStep step) {
        content.getChildren().setAll(pages.get(step));
        scroll.setVvalue(0);
        for (WizardStep each : WizardStep.values()) {
            Label label = trail.get(each);
            label.getStyleClass().removeAll("wizard-step-current", "wizard-step-done");
            if (each == step) {
                label.getStyleClass().add("wizard-step-current");
            } else if (each.ordinal() < step.ordinal()) {
                label.getStyleClass().add("wizard-step-done");
            }
        }
    }
}
