package dev.whetstone.app.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The menu bar: File (import a dataset, add a model folder, show the engine home, quit), Edit (the dataset
 * editor's undo, redo, find and save, while Datasets is shown), View (every pane, the dark theme, the task
 * list), Help (the keyboard shortcuts, and About when the app has one). Every shortcut of the window is an
 * accelerator here, so Help → Keyboard shortcuts lists them from this one place ({@link #shortcuts()}).
 * On macOS it becomes the system menu bar.
 */
public final class MainMenu extends MenuBar {
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
        KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7};

    /**
     * What the menus do; Edit's commands act on the dataset editor and are enabled while {@code editing}.
     *
     * @param about null while the app has no About dialog (the item is then left out)
     */
    public record Commands(Runnable importDataset, Runnable addModelFolder, Runnable showEngineHome, Runnable quit,
                           Runnable undo, Runnable redo, Runnable find, Runnable save, ObservableBooleanValue editing,
                           Runnable showTasks, Runnable about) {
        public Commands {
            Objects.requireNonNull(importDataset, "importDataset");
            Objects.requireNonNull(addModelFolder, "addModelFolder");
            Objects.requireNonNull(showEngineHome, "showEngineHome");
            Objects.requireNonNull(quit, "quit");
            Objects.requireNonNull(editing, "editing");
            Objects.requireNonNull(showTasks, "showTasks");
        }
    }

    public MainMenu(ShellViewModel shell, Commands commands) {
        setId("main-menu");
        setUseSystemMenuBar(true);
        getMenus().addAll(file(commands), edit(commands), view(shell, commands), help(commands));
        shortcutsItem.setOnAction(e -> showShortcuts(getScene() == null ? null : getScene().getWindow()));
    }

    private static Menu file(Commands c) {
        Menu file = new Menu("_File");
        file.getItems().addAll(item("Import dataset…", "menu-import-dataset", shortcut(KeyCode.O), c.importDataset()),
                item("Add model folder…", "menu-add-model", null, c.addModelFolder()),
                item("Show engine home in folder", "menu-show-home", null, c.showEngineHome()),
                new SeparatorMenuItem(),
                item("Quit", "menu-quit", shortcut(KeyCode.Q), c.quit()));
        return file;
    }

    private static Menu edit(Commands c) {
        Menu edit = new Menu("_Edit");
        edit.getItems().addAll(item("Undo", "menu-undo", shortcut(KeyCode.Z), c.undo()),
                item("Redo", "menu-redo", shortcut(KeyCode.Y), c.redo()),
                new SeparatorMenuItem(),
                item("Find rows", "menu-find", shortcut(KeyCode.F), c.find()),
                item("Save dataset", "menu-save", shortcut(KeyCode.S), c.save()));
        for (MenuItem item : edit.getItems()) {
            item.disableProperty().bind(javafx.beans.binding.Bindings.not(c.editing()));
        }
        return edit;
    }

    private static Menu view(ShellViewModel shell, Commands c) {
        Menu view = new Menu("_View");
        for (Place place : Place.values()) {
            view.getItems().add(item(place.title(), "menu-" + place.name().toLowerCase(java.util.Locale.ROOT),
                    new KeyCodeCombination(DIGITS[place.ordinal()], KeyCombination.SHORTCUT_DOWN), () -> shell.navigate(place)));
        }
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark-theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        dark.setSelected(shell.theme().get() == Theme.DARK);
        dark.selectedProperty().addListener((obs, was, on) -> shell.theme().set(on ? Theme.DARK : Theme.LIGHT));
        shell.theme().addListener((obs, old, now) -> dark.setSelected(now == Theme.DARK));
        view.getItems().addAll(new SeparatorMenuItem(), dark,
                item("Background tasks", "menu-tasks", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
                        KeyCombination.SHIFT_DOWN), c.showTasks()));
        return view;
    }

    private final MenuItem shortcutsItem = item("Keyboard shortcuts", "menu-shortcuts", new KeyCodeCombination(KeyCode.F1), () -> { });

    private Menu help(Commands c) {
        Menu help = new Menu("_Help");
        help.getItems().add(shortcutsItem);
        Optional.ofNullable(c.about()).ifPresent(about -> help.getItems().addAll(new SeparatorMenuItem(),
                item("About Whetstone", "menu-about", null, about)));
        return help;
    }

    /** Opens Help → Keyboard shortcuts for this menu bar's shortcuts, owned by {@code owner}. */
    public void showShortcuts(javafx.stage.Window owner) {
        ShortcutsDialog.open(owner, this);
    }

    /** Every item with a shortcut: {@code {"Edit › Undo", "Ctrl+Z"}}, in menu order. */
    public List<String[]> shortcuts() {
        List<String[]> all = new ArrayList<>();
        for (Menu menu : getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null) {
                    all.add(new String[] {menu.getText().replace("_", "") + " › " + item.getText(),
                        item.getAccelerator().getDisplayText()});
                }
            }
        }
        return all;
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, String id, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(accelerator);
        item.setOnAction(e -> action.run());
        return item;
    }
}
