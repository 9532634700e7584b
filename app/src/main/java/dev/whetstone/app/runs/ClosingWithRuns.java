package dev.whetstone.app.runs;

import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.engine.run.RunHandle;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing the window while runs train: asks whether to keep them training after the window closes. Either way each
 * run is first saved and paused (nothing is lost; Runs offers Resume next time); only if the user says so does a
 * background process resume it at once and outlive the window. Cancel keeps the window open.
 */
public final class ClosingWithRuns {
    static final ButtonType KEEP = new ButtonType("Keep training in the background", ButtonBar.ButtonData.YES);
    static final ButtonType PAUSE = new ButtonType("Pause and close", ButtonBar.ButtonData.NO);
    private static final Logger LOG = LoggerFactory.getLogger(ClosingWithRuns.class);

    private ClosingWithRuns() {
    }

    /** Shows the question over {@code owner}; {@code close} runs (on the FX thread) once the runs are handed off. */
    public static void ask(Window owner, List<RunHandle> active, RunHandOff handOff, FxBridge bridge, Runnable close) {
        String ids = String.join(", ", active.stream().map(RunHandle::runId).toList());
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", KEEP, PAUSE, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Close Whetstone");
        alert.setHeaderText(active.size() == 1 ? "Run " + ids + " is still training." : active.size() + " runs are still training: " + ids);
        alert.setContentText("Keep training after the window closes? Either way each run is saved and paused first, so "
                + "nothing is lost: \"Keep training\" continues it in a background process (Runs shows it when you come "
                + "back); \"Pause and close\" leaves it paused, to resume from Runs.");
        alert.getDialogPane().setId("close-with-runs");
        ((Button) alert.getDialogPane().lookupButton(KEEP)).setId("close-keep");
        ((Button) alert.getDialogPane().lookupButton(PAUSE)).setId("close-pause");
        alert.resultProperty().addListener((obs, old, answer) -> {
            if (answer == KEEP || answer == PAUSE) {
                handOff(active, handOff, answer == KEEP, bridge, close, owner);
            }
        });
        alert.show();
    }

    private static void handOff(List<RunHandle> active, RunHandOff handOff, boolean keep, FxBridge bridge, Runnable close,
                                Window owner) {
        if (owner.getScene() != null) {
            owner.getScene().getRoot().setDisable(true);   // saving and pausing: nothing more to click
        }
        CompletableFuture<?>[] paused = active.stream().map(handOff::saveAndPause).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(paused).whenComplete((done, error) -> {
            if (keep) {
                for (RunHandle run : active) {
                    try {
                        handOff.continueInBackground(run.runId());
                    } catch (IOException e) {
                        LOG.warn("Could not continue run {} in the background; it stays paused, resume it from Runs",
                                run.runId(), e);
                    }
                }
            }
            bridge.run(close);
        });
    }
}
