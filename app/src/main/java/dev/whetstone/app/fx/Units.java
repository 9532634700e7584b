package dev.whetstone.app.fx;

import java.util.Locale;

/** Numbers with units, as every pane writes them: {@code Units.bytes(1_610_612_736) = "1.5 GiB"}. */
public final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final String[] COUNT_UNITS = {"", "K", "M", "B", "T"};

    private Units() {
    }

    /** A byte count in binary units with one decimal: "512 B", "3.4 MiB", "1.5 GiB". */
    public static String bytes(long bytes) {
        return scaled(bytes, 1024, BYTE_UNITS);
    }

    /** A count in decimal units: "950", "60.2 K", "751.6 M", "7.6 B". */
    public static String count(long count) {
        return scaled(count, 1000, COUNT_UNITS);
    }

    private static String scaled(long value, int base, String[] units) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, was " + value);
        }
        double scaled = value;
        int unit = 0;
        while (scaled >= base && unit < units.length - 1) {
            scaled /= base;
            unit++;
        }
        String number = unit == 0 ? Long.toString(value) : String.format(Locale.ROOT, "%.1f", scaled);
        return units[unit].isEmpty() ? number : number + " " + units[unit];
    }
}
