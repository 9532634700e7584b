package dev.whetstone.app.about;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help → About: the build's version, the device and libtorch in use, Java, and the folders (engine home, logs,
 * launcher), each selectable; <em>Copy</em> puts them on the clipboard, <em>Open log folder</em> opens the logs,
 * <em>Use an NVIDIA GPU…</em> opens the CUDA guide. Self-contained: give it an owner and call {@link #show}.
 */
public final class AboutDialog {
    private static final ButtonType COPY = new ButtonType("Copy", ButtonData.LEFT);
    private static final ButtonType OPEN_LOGS = new ButtonType("Open log folder", ButtonData.LEFT);
    private static final ButtonType GPU = new ButtonType("Use an NVIDIA GPU…", ButtonData.LEFT);

    private final Window owner;
    private final Consumer<Path> openFolder;
    private final Runnable showGpuGuide;

    /** An About dialog over {@code owner}; {@code openFolder} opens a folder, {@code showGpuGuide} the CUDA guide. */
    public AboutDialog(Window owner, Consumer<Path> openFolder, Runnable showGpuGuide) {
        this.owner = owner;
        this.openFolder = Objects.requireNonNull(openFolder, "openFolder");
        this.showGpuGuide = Objects.requireNonNull(showGpuGuide, "showGpuGuide");
    }

    /** Shows {@code facts} with {@code device} (the engine's device in words, or "checking…"). FX thread. */
    public void show(AboutFacts facts, String device) {
        Alert alert = new Alert(Alert.AlertType.NONE, "", COPY, OPEN_LOGS, GPU, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("About Whetstone");
        alert.getDialogPane().setId("about-dialog");
        Label name = new Label("Whetstone " + facts.build().version());
        name.getStyleClass().add(Styles.TITLE_3);
        Label line = new Label("Fine-tune language models on your own machine with Tinker's training API.");
        line.setWrapText(true);
        ImageView icon = new ImageView(new Image(Objects.requireNonNull(
                AboutDialog.class.getResource("/dev/whetstone/resources/icon/whetstone-128.png")).toExternalForm()));
        icon.setFitWidth(96);
        icon.setFitHeight(96);
        HBox head = new HBox(16, icon, new VBox(6, name, line));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(12, 0, 0, 0));
        StringBuilder copied = new StringBuilder(String.join(System.lineSeparator(), facts.lines()));
        copied.append(System.lineSeparator()).append("device:      ").append(device);
        int row = 0;
        row = fact(grid, row, "Device", device, "about-device");
        row = fact(grid, row, "libtorch", facts.libtorch(), "about-libtorch");
        row = fact(grid, row, "Java", facts.java(), "about-java");
        row = fact(grid, row, "Engine home", facts.engineHome().toString(), "about-home");
        row = fact(grid, row, "Logs", facts.logFolder().toString(), "about-logs");
        if (facts.launcher().isPresent()) {
            row = fact(grid, row, "Launcher", facts.launcher().get().toString(), "about-launcher");
        }
        fact(grid, row, "Built with", "DJL " + facts.build().djlVersion() + ", libtorch " + facts.build().libtorchVersion()
                + ", JavaFX " + facts.build().javafxVersion(), "about-built-with");
        alert.getDialogPane().setContent(new VBox(8, head, grid));

        action(alert, COPY, "about-copy", () ->
                Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, copied.toString())));
        action(alert, OPEN_LOGS, "about-open-logs", () -> openFolder.accept(facts.logFolder()));
        action(alert, GPU, "about-gpu", showGpuGuide);
        alert.show();
    }

    private static int fact(GridPane grid, int row, String name, String value, String id) {
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        TextField text = new TextField(value);   // selectable, so a path can be copied
        text.setId(id);
        text.setEditable(false);
        text.setPrefColumnCount(Math.max(24, Math.min(60, value.length())));
        grid.addRow(row, label, text);
        return row + 1;
    }

    /** Makes {@code type}'s button run {@code action} and keep the dialog open. */
    private static void action(Alert alert, ButtonType type, String id, Runnable action) {
        Button button = (Button) alert.getDialogPane().lookupButton(type);
        button.setId(id);
        button.addEventFilter(ActionEvent.ACTION, event -> {
            action.run();
            event.consume();
        });
    }
}
