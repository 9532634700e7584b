package dev.whetstone.resources.icon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A macOS {@code .icns} file holding PNG images: the magic {@code icns} and the file's length, then per image
 * its four-letter type, its length (8 + the PNG's) and the PNG. Big-endian.
 */
final class IcnsFormat {
    /** The PNG element types by pixel size (Apple's icns types for 16 ... 1024 px PNG data). */
    static final Map<Integer, String> TYPES = types();
    private static final int ELEMENT_HEADER = 8;

    private IcnsFormat() {
    }

    /** The file for {@code pngs} (size in pixels to PNG bytes; every size must be one of {@link #TYPES}). */
    static byte[] of(Map<Integer, byte[]> pngs) {
        int total = ELEMENT_HEADER + pngs.values().stream().mapToInt(png -> ELEMENT_HEADER + png.length).sum();
        ByteBuffer out = ByteBuffer.allocate(total);   // big-endian by default
        out.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(total);
        for (Map.Entry<Integer, byte[]> image : pngs.entrySet()) {
            String type = TYPES.get(image.getKey());
            if (type == null) {
                throw new IllegalArgumentException("no .icns type for " + image.getKey() + " px; sizes: " + TYPES.keySet());
            }
            out.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(ELEMENT_HEADER + image.getValue().length)
                    .put(image.getValue());
        }
        return out.array();
    }

    private static Map<Integer, String> types() {
        Map<Integer, String> types = new LinkedHashMap<>();
        types.put(16, "icp4");
        types.put(32, "icp5");
        types.put(64, "icp6");
        types.put(128, "ic07");
        types.put(256, "ic08");
        types.put(512, "ic09");
        types.put(1024, "ic10");
        return java.util.Collections.unmodifiableMap(types);
    }
}
