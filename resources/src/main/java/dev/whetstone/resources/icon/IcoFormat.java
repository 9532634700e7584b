package dev.whetstone.resources.icon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * A Windows {@code .ico} file holding PNG images (the form Windows Vista and later read): a 6-byte header, a
 * 16-byte directory entry per image, then the PNGs. Little-endian; a width or height of 256 is written as 0.
 */
final class IcoFormat {
    /** The sizes a Windows icon carries (Explorer, taskbar, title bar, alt-tab at 100-200% scale). */
    static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    private static final int HEADER = 6;
    private static final int ENTRY = 16;

    private IcoFormat() {
    }

    /** The file for {@code pngs} (size in pixels to PNG bytes, each at most 256). */
    static byte[] of(Map<Integer, byte[]> pngs) {
        int total = HEADER + ENTRY * pngs.size() + pngs.values().stream().mapToInt(png -> png.length).sum();
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) pngs.size());   // reserved, type 1 = icon, count
        int offset = HEADER + ENTRY * pngs.size();
        for (Map.Entry<Integer, byte[]> image : pngs.entrySet()) {
            int size = image.getKey();
            if (size < 1 || size > 256) {
                throw new IllegalArgumentException("an .ico image must be 1..256 px, was " + size);
            }
            out.put((byte) (size % 256)).put((byte) (size % 256))   // width, height (0 means 256)
                    .put((byte) 0).put((byte) 0)                      // palette size, reserved
                    .putShort((short) 1).putShort((short) 32)         // colour planes, bits per pixel
                    .putInt(image.getValue().length).putInt(offset);
            offset += image.getValue().length;
        }
        pngs.values().forEach(out::put);
        return out.array();
    }
}
