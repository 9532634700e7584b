package dev.whetstone.resources.icon;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes every icon file the app and its installers use, all drawn by {@link IconArt}: {@code whetstone-N.png}
 * for the window (N = 16 ... 1024), {@code whetstone.png} (256 px, Linux launchers), {@code whetstone.ico}
 * (Windows) and {@code whetstone.icns} (macOS). The build runs {@link #main} into the resources jar, under
 * {@code dev/whetstone/resources/icon/}.
 */
public final class IconFiles {
    /** The PNG sizes written, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512, 1024);
    /** Where the files live on the class path. */
    public static final String RESOURCE_FOLDER = "/dev/whetstone/resources/icon/";

    private IconFiles() {
    }

    /** {@code IconFiles FOLDER}: writes the icon files into FOLDER. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: IconFiles FOLDER");
        }
        writeAll(Path.of(args[0]));
    }

    /** Draws every size once and writes all the files into {@code folder}. */
    public static void writeAll(Path folder) {
        try {
            Files.createDirectories(folder);
            Map<Integer, byte[]> pngs = new LinkedHashMap<>();
            for (int size : SIZES) {
                byte[] png = png(IconArt.draw(size));
                pngs.put(size, png);
                Files.write(folder.resolve("whetstone-" + size + ".png"), png);
            }
            Files.write(folder.resolve("whetstone.png"), pngs.get(256));
            Files.write(folder.resolve("whetstone.ico"), IcoFormat.of(pick(pngs, IcoFormat.SIZES)));
            Files.write(folder.resolve("whetstone.icns"), IcnsFormat.of(pick(pngs, IcnsFormat.TYPES.keySet())));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the icons to " + folder, e);
        }
    }

    private static Map<Integer, byte[]> pick(Map<Integer, byte[]> pngs, Iterable<Integer> sizes) {
        Map<Integer, byte[]> picked = new LinkedHashMap<>();
        sizes.forEach(size -> picked.put(size, pngs.get(size)));
        return picked;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
