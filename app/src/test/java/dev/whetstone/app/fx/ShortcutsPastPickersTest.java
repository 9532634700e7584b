package dev.whetstone.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.SearchableComboBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window shortcut pressed while a searchable picker has the focus does what it does, once, and does not open
 * the picker's search (whose list would lie over the window and take the mouse); a plain letter still opens it.
 */
@ExtendWith(FxStages.class)
class ShortcutsPastPickersTest extends FxRobot {
    private final AtomicInteger themeSwitches = new AtomicInteger();
    private SearchableComboBox<String> picker;
    private Stage stage;

    @BeforeEach
    void window() throws Exception {
        stage = WaitForAsyncUtils.asyncFx(() -> {
            picker = new SearchableComboBox<>(FXCollections.observableArrayList("Qwen/Qwen3-0.6B", "tinker://run/final"));
            picker.setId("picker");
            ShortcutsPastPickers.install(picker);
            Scene scene = new Scene(new VBox(new Button("elsewhere"), picker), 400, 300);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                    themeSwitches::incrementAndGet);
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            picker.requestFocus();
            return s;
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aShortcutRunsOnceAndLeavesTheSearchClosed() {
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(themeSwitches).hasValue(1);
        assertThat(popupsShowing()).as("windows over the picker's own").isEmpty();
    }

    @Test
    void aPlainLetterStillOpensTheSearch() {
        type(KeyCode.Q);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(themeSwitches).hasValue(0);
        assertThat(popupsShowing()).isNotEmpty();
    }

    private List<Window> popupsShowing() {
        return Window.getWindows().stream().filter(w -> w != stage && w.isShowing() && w instanceof javafx.stage.PopupWindow)
                .toList();
    }
}
