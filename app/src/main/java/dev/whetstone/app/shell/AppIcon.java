package dev.whetstone.app.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The app's icon on its windows (title bar, task switcher), in the sizes the resources module draws. */
public final class AppIcon {
    private static final String FOLDER = "/dev/whetstone/resources/icon/";
    private static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

    private AppIcon() {
    }

    /** Puts the icon on {@code stage}. */
    public static void on(Stage stage) {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            String name = FOLDER + "whetstone-" + size + ".png";
            icons.add(new Image(Objects.requireNonNull(AppIcon.class.getResource(name), name).toExternalForm()));
        }
        stage.getIcons().setAll(icons);
    }
}
