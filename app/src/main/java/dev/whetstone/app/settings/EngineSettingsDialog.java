package dev.whetstone.app.settings;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.engine.EngineKind;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Settings → Engine: the three engines as choices, the remote engine's URL and key, Apply and Close. */
public final class EngineSettingsDialog {
    private static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.APPLY);

    private EngineSettingsDialog() {
    }

    /** Shows the dialog (not blocking the caller) over {@code owner}, filled from the engine in use. */
    public static Dialog<ButtonType> open(Window owner, EngineSettingsViewModel model) {
        model.reload();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Settings");
        dialog.setHeaderText("Engine: where Whetstone trains and samples");
        dialog.getDialogPane().setId("engine-settings");
        dialog.getDialogPane().setContent(form(model));
        dialog.getDialogPane().getButtonTypes().addAll(APPLY, ButtonType.CLOSE);
        Button apply = (Button) dialog.getDialogPane().lookupButton(APPLY);
        apply.setId("engine-apply");
        apply.addEventFilter(ActionEvent.ACTION, e -> {
            model.apply();
            e.consume();   // stay open: the message says what happened
        });
        dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId("engine-close");
        dialog.show();
        return dialog;
    }

    private static Node form(EngineSettingsViewModel model) {
        ToggleGroup group = new ToggleGroup();
        RadioButton process = choice(group, EngineKind.PROCESS, "engine-process", model);
        RadioButton inProcess = choice(group, EngineKind.IN_PROCESS, "engine-in-process", model);
        RadioButton remote = choice(group, EngineKind.REMOTE, "engine-remote", model);
        TextField url = new TextField();
        url.setId("engine-url");
        url.setPromptText("http://gpu-box:8000, or hosted Tinker's base URL");
        url.textProperty().bindBidirectional(model.url());
        PasswordField key = new PasswordField();
        key.setId("engine-key");
        key.setPromptText("tml-… (empty: TINKER_API_KEY)");
        key.textProperty().bindBidirectional(model.apiKey());
        url.disableProperty().bind(remote.selectedProperty().not());
        key.disableProperty().bind(remote.selectedProperty().not());
        GridPane remoteFields = new GridPane();
        remoteFields.setHgap(8);
        remoteFields.setVgap(6);
        remoteFields.setPadding(new Insets(0, 0, 0, 28));
        remoteFields.addRow(0, new Label("Base URL"), url);
        remoteFields.addRow(1, new Label("API key"), key);
        // the labels keep their width; the fields take what is left (a narrow dialog cut "Base URL" to "Base ...")
        remoteFields.getColumnConstraints().addAll(labelColumn(), fieldColumn());
        url.setPrefColumnCount(32);
        Label message = new Label();
        message.setId("engine-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        model.messageIsError().addListener((obs, was, error) -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (error) {
                message.getStyleClass().add(Styles.DANGER);
            }
        });
        VBox box = new VBox(6,
                process, hint("Whetstone starts `whetstone serve` in its own process and talks to it on this machine. If "
                        + "that process crashes or runs out of memory, the window stays up, starts a new one, and a run "
                        + "resumes from its last checkpoint."),
                inProcess, hint("The engine runs inside the window's process: a little less memory and no start-up, but a "
                        + "crash in native code closes the window, and runs end with it."),
                remote, hint("A `whetstone serve` on a GPU workstation (`whetstone serve --host 0.0.0.0 --api-key-file "
                        + "key`), or hosted Tinker. Runs are journalled here; the engine keeps the checkpoints. Tokenizers "
                        + "load on this machine, from the Hugging Face cache."),
                remoteFields, message);
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setPrefWidth(560);
        return box;
    }

    private static RadioButton choice(ToggleGroup group, EngineKind kind, String id, EngineSettingsViewModel model) {
        RadioButton button = new RadioButton(kind.label());
        button.setId(id);
        button.setToggleGroup(group);
        button.setSelected(model.kind().get() == kind);
        button.selectedProperty().addListener((obs, was, on) -> {
            if (on) {
                model.kind().set(kind);
            }
        });
        model.kind().addListener((obs, old, now) -> button.setSelected(now == kind));
        return button;
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.setWrapText(true);
        hint.setPadding(new Insets(0, 0, 4, 28));
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return hint;
    }

    private static ColumnConstraints labelColumn() {
        ColumnConstraints column = new ColumnConstraints();
        column.setMinWidth(Region.USE_PREF_SIZE);
        return column;
    }

    private static ColumnConstraints fieldColumn() {
        ColumnConstraints column = new ColumnConstraints();
        column.setHgrow(Priority.ALWAYS);
        return column;
    }
}
