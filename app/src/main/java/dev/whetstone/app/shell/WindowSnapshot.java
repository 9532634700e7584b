package dev.whetstone.app.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** The window's content as a PNG file ({@code whetstone app --screenshot FILE}), without JavaFX's Swing bridge. */
public final class WindowSnapshot {
    private WindowSnapshot() {
    }

    /** Takes the picture on the FX thread and returns its pixels; {@link #write} saves them off it. */
    public static BufferedImage take(Scene scene) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return picture;
    }

    /** Writes {@code picture} to {@code file} as a PNG. */
    public static void write(BufferedImage picture, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(picture, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the screenshot " + file, e);
        }
    }
}
