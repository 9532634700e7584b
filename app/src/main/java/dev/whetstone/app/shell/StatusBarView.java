package dev.whetstone.app.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The status bar: the engine in use (a link to Settings → Engine; what happened last in its tooltip), the device
 * (with why, in its tooltip), memory in use, the running job.
 */
public final class StatusBarView extends HBox {

    /** A status bar bound to {@code model}; clicking the engine opens {@code openEngineSettings}. */
    public StatusBarView(StatusBarViewModel model, Runnable openEngineSettings) {
        super(10);
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
        Label job = label("status-job", "");
        job.textProperty().bind(model.job());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
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
        getChildren().addAll(engine, new Separator(Orientation.VERTICAL), device, new Separator(Orientation.VERTICAL), memory,
                spacer, job);
    }

    private static Label label(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        return label;
    }
}
