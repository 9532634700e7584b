package dev.whetstone.app.shell;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help → Keyboard shortcuts: every menu item with a shortcut, read from the menu bar itself. */
final class ShortcutsDialog extends Dialog<Void> {

    ShortcutsDialog(Window owner, List<String[]> shortcuts) {
        initOwner(owner);
        setTitle("Keyboard shortcuts");
        setHeaderText("Keyboard shortcuts (Cmd instead of Ctrl on macOS)");
        GridPane grid = new GridPane();
        grid.setId("shortcuts-table");
        grid.setHgap(24);
        grid.setVgap(4);
        grid.setPadding(new Insets(8, 4, 8, 4));
        for (int i = 0; i < shortcuts.size(); i++) {
            Label what = new Label(shortcuts.get(i)[0]);
            Label keys = new Label(shortcuts.get(i)[1]);
            keys.getStyleClass().add(Styles.TEXT_BOLD);
            grid.addRow(i, what, keys);
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    /** Opens the dialog for the shortcuts of {@code menu} (not modal: the window stays usable). */
    static ShortcutsDialog open(Window owner, MainMenu menu) {
        ShortcutsDialog dialog = new ShortcutsDialog(owner, menu.shortcuts());
        dialog.show();
        return dialog;
    }
}
