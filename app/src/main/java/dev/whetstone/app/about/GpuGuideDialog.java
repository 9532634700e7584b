package dev.whetstone.app.about;

import dev.whetstone.app.install.CudaRoutes;
import java.util.Map;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Use an NVIDIA GPU": why the app computes on the CPU (it ships the CPU libtorch; a CUDA build is 2-3 GB),
 * what this machine has (the NVIDIA driver, the device and libtorch in use), and the two routes to CUDA with
 * their commands, selectable and copyable. Reached from Home and from About.
 */
public final class GpuGuideDialog {
    private static final ButtonType COPY = new ButtonType("Copy the steps", ButtonData.LEFT);

    private final Window owner;

    /** A guide over {@code owner}. */
    public GpuGuideDialog(Window owner) {
        this.owner = owner;
    }

    /** Shows the guide for this machine: {@code driver} as found, {@code device} and {@code libtorch} in words. */
    public void show(Optional<String> driver, String device, String libtorch, CudaRoutes routes) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", COPY, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Use an NVIDIA GPU");
        alert.setHeaderText("Whetstone ships the CPU build of libtorch (a CUDA build is 2-3 GB); adding CUDA is one of"
                + " two steps below.");
        alert.getDialogPane().setId("gpu-guide");
        Label found = new Label("This machine: NVIDIA driver " + driver.orElse("not found") + "; the engine computes on "
                + device + " with libtorch " + libtorch + ".");
        found.setId("gpu-guide-found");
        found.setWrapText(true);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < routes.steps().size(); i++) {
            text.append(i + 1).append(". ").append(routes.steps().get(i)).append(System.lineSeparator())
                    .append(System.lineSeparator());
        }
        text.append("Then restart Whetstone: Home's Device line and `whetstone doctor` show cuda:0. Without an NVIDIA"
                + " driver (`nvidia-smi` lists the GPU), neither route finds a GPU.");
        TextArea steps = new TextArea(text.toString());
        steps.setId("gpu-guide-steps");
        steps.setEditable(false);
        steps.setWrapText(true);
        steps.setPrefRowCount(12);
        steps.setPrefColumnCount(70);
        alert.getDialogPane().setContent(new VBox(10, found, steps));
        alert.setResizable(true);
        Button copy = (Button) alert.getDialogPane().lookupButton(COPY);
        copy.addEventFilter(ActionEvent.ACTION, event -> {
            Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, steps.getText()));
            event.consume();
        });
        alert.show();
    }
}
