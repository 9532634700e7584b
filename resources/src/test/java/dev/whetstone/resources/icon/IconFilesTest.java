package dev.whetstone.resources.icon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The icon files, read back the way Windows and macOS read them: every image decodes at its declared size. */
class IconFilesTest {
    @TempDir
    static Path folder;

    @BeforeAll
    static void drawOnce() {
        IconFiles.writeAll(folder);
    }

    @Test
    void theIcoDirectoryPointsAtAPngOfEachDeclaredSize() throws IOException {
        ByteBuffer ico = ByteBuffer.wrap(Files.readAllBytes(folder.resolve("whetstone.ico"))).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(ico.getShort(0)).isZero();
        assertThat(ico.getShort(2)).isEqualTo((short) 1);
        int count = ico.getShort(4);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int entry = 6 + 16 * i;
            int declared = ico.get(entry) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry));
            int length = ico.getInt(entry + 8);
            int offset = ico.getInt(entry + 12);
            BufferedImage image = decode(Arrays.copyOfRange(ico.array(), offset, offset + length));
            assertThat(image.getWidth()).isEqualTo(declared);
            assertThat(image.getHeight()).isEqualTo(declared);
            sizes.add(declared);
        }
        assertThat(sizes).containsExactlyElementsOf(IcoFormat.SIZES);
    }

    @Test
    void theIcnsElementsAreTypedPngsFillingTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve("whetstone.icns"));
        ByteBuffer icns = ByteBuffer.wrap(bytes);

        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(icns.getInt(4)).isEqualTo(bytes.length);
        List<String> types = new ArrayList<>();
        for (int at = 8; at < bytes.length; ) {
            String type = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            int length = icns.getInt(at + 4);
            BufferedImage image = decode(Arrays.copyOfRange(bytes, at + 8, at + length));
            int expected = IcnsFormat.TYPES.entrySet().stream().filter(e -> e.getValue().equals(type))
                    .findFirst().orElseThrow().getKey();
            assertThat(image.getWidth()).as(type).isEqualTo(expected);
            types.add(type);
            at += length;
        }
        assertThat(types).containsExactly("icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10");
    }

    @Test
    void everyPngIsATileWithATransparentCorner() throws IOException {

        for (int size : IconFiles.SIZES) {
            BufferedImage image = ImageIO.read(folder.resolve("whetstone-" + size + ".png").toFile());
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(image.getRGB(0, 0) >>> 24).as("corner alpha at %d px", size).isZero();
            assertThat(image.getRGB(size / 2, size / 8) >>> 24).as("tile alpha at %d px", size).isEqualTo(255);
        }
        assertThat(Files.readAllBytes(folder.resolve("whetstone.png")))
                .isEqualTo(Files.readAllBytes(folder.resolve("whetstone-256.png")));
    }

    @Test
    void sizesOutsideWhatTheFormatsHoldAreRefused() {
        assertThatThrownBy(() -> IconArt.draw(8)).hasMessageContaining("[16, 2048]").hasMessageContaining("8");
        assertThatThrownBy(() -> IcoFormat.of(java.util.Map.of(512, new byte[1]))).hasMessageContaining("512");
        assertThatThrownBy(() -> IcnsFormat.of(java.util.Map.of(48, new byte[1]))).hasMessageContaining("48");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
