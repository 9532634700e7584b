package dev.whetstone.app.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The status bar: the engine in use (once {@link #onEngine} adds it), device (with why, in its tooltip), memory in
 * use, and the background tasks (a list that opens).
 */
public final class StatusBarView extends HBox {
    private final StatusBarViewModel model;

    /** A status bar bound to {@code model}, with {@code extras} (the task list) at its right end. */
    public StatusBarView(StatusBarViewModel model, javafx.scene.Node... extras) {
        super(10);
        this.model = model;
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 12, 4, 12));
        Label device = label("status-device", model.device().get());
        device.textProperty().bind(model.device());
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.deviceDetail());
        device.setTooltip(why);
        Label memory = label("status-memory", "");
        memory.textProperty().bind(model.memory());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(device, new Separator(Orientation.VERTICAL), memory, spacer);
        getChildren().addAll(extras);
    }

    /**
     * Adds the engine in use at the bar's left end ("Engine: Engine process on this machine · cpu · reachable", red
     * while it is not; what happened last in its tooltip); a click runs {@code openEngineSettings}.
     */
    public void onEngine(Runnable openEngineSettings) {
        Hyperlink engine = new Hyperlink();
        engine.setId("status-engine");
        engine.getStyleClass().add(Styles.TEXT_SMALL);
        engine.textProperty().bind(model.engine());
        Tooltip what = new Tooltip();
        what.setWrapText(true);
        what.setMaxWidth(520);
        what.textProperty().bind(model.engineDetail());
        engine.setTooltip(what);
        engine.setOnAction(e -> {
            engine.setVisited(false);
            openEngineSettings.run();
        });
        model.engineTrouble().addListener((obs, was, trouble) -> {
            engine.getStyleClass().remove(Styles.DANGER);
            if (trouble) {
                engine.getStyleClass().add(Styles.DANGER);
            }
        });
        getChildren().addAll(0, java.util.List.of(engine, new Separator(Orientation.VERTICAL)));
    }

    /** Adds an "About" button at the bar's right end that runs {@code showAbout}. */
    public void onAbout(Runnable showAbout) {
        Button about = new Button("About");
        about.setId("status-about");
        about.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        about.setTooltip(new Tooltip("Version, device, libtorch and where files and logs are"));
        about.setOnAction(event -> showAbout.run());
        getChildren().addAll(new Separator(Orientation.VERTICAL), about);
    }

    private static Label label(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        return label;
    }
}
