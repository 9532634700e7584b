package dev.whetstone.app.fx;

import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Keeps the window's shortcuts working, and doing nothing else, while a searchable picker has the focus.
 * ControlsFX's {@code SearchableComboBox} opens its search on any letter, digit or space key, with Ctrl or Alt
 * held or not: Ctrl+1 … Ctrl+7 or Ctrl+Shift+D from a focused Playground picker opened the picker's list, which
 * lay over the heatmap and took the mouse. A key pressed on the picker itself with a modifier held runs the
 * window's shortcut for it, if any, and goes no further; keys typed into the picker's search field are left alone
 * (Ctrl+V still pastes there).
 *
 * <p>{@code ShortcutsPastPickers.install(picker);}
 */
public final class ShortcutsPastPickers {
    private ShortcutsPastPickers() {
    }

    /** Installs the filter on {@code picker}. */
    public static void install(ComboBox<?> picker) {
        picker.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean modified = e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown();
            if (!modified || e.getTarget() != picker || e.getCode().isModifierKey()) {
                return;
            }
            e.consume();
            Scene scene = picker.getScene();
            if (scene == null) {
                return;
            }
            for (Map.Entry<KeyCombination, Runnable> shortcut : scene.getAccelerators().entrySet()) {
                if (shortcut.getKey().match(e)) {
                    shortcut.getValue().run();
                    return;
                }
            }
        });
    }
}
