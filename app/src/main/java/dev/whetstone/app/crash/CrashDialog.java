package dev.whetstone.app.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The dialog an unexpected error opens: what failed in one line, the details (version, system, stack trace)
 * below, <em>Copy details</em> for a bug report, <em>Open log folder</em>, and Close. One dialog at a time:
 * errors while it is open are counted in it (each is in the log). It does not block the window.
 */
public final class CrashDialog {
    private static final ButtonType COPY = new ButtonType("Copy details", ButtonData.LEFT);
    private static final ButtonType OPEN_LOGS = new ButtonType("Open log folder", ButtonData.LEFT);

    private final Window owner;
    private final List<String> context;
    private final Path logFolder;
    private final Consumer<Path> openFolder;
    private final Label summary = new Label();
    private final Label more = new Label();
    private final TextArea details = new TextArea();
    private Alert alert;   // built on the first crash: the owner may have no scene before
    private int extra;

    /**
     * A dialog over {@code owner}; {@code context} lines head the details (see {@code AboutFacts.lines()}),
     * {@code openFolder} opens {@code logFolder} in the desktop's file manager.
     */
    public CrashDialog(Window owner, List<String> context, Path logFolder, Consumer<Path> openFolder) {
        this.owner = owner;
        this.context = List.copyOf(context);
        this.logFolder = Objects.requireNonNull(logFolder, "logFolder");
        this.openFolder = Objects.requireNonNull(openFolder, "openFolder");
    }

    private Alert build() {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", COPY, OPEN_LOGS, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setTitle("Whetstone: unexpected error");
        alert.setHeaderText("Something went wrong. Whetstone keeps running; nothing was closed.");
        alert.getDialogPane().setId("crash-dialog");
        summary.setId("crash-summary");
        summary.setWrapText(true);
        more.setId("crash-more");
        more.setManaged(false);
        more.setVisible(false);
        details.setId("crash-details");
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        details.setPrefColumnCount(80);
        VBox.setVgrow(details, Priority.ALWAYS);
        Label where = new Label("The log keeps every detail: " + logFolder);
        where.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(8, summary, more, details, where));
        alert.setResizable(true);
        Button copy = (Button) alert.getDialogPane().lookupButton(COPY);
        copy.setId("crash-copy");
        copy.addEventFilter(ActionEvent.ACTION, event -> {
            Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, details.getText()));
            event.consume();   // stays open
        });
        Button open = (Button) alert.getDialogPane().lookupButton(OPEN_LOGS);
        open.setId("crash-open-logs");
        open.addEventFilter(ActionEvent.ACTION, event -> {
            openFolder.accept(logFolder);
            event.consume();
        });
        return alert;
    }

    /** Shows {@code crash}, or counts it when a crash is already on screen. Call on the FX thread. */
    public void show(Crash crash) {
        if (alert == null) {
            alert = build();
        }
        if (alert.isShowing()) {
            extra++;
            more.setText(extra + (extra == 1 ? " more error" : " more errors") + " since; each is in the log.");
            more.setManaged(true);
            more.setVisible(true);
            return;
        }
        extra = 0;
        more.setManaged(false);
        more.setVisible(false);
        summary.setText(crash.summary());
        details.setText(crash.details(context));
        alert.show();
    }
}
