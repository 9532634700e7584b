package dev.whetstone.engine.tokenizer;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Python's {@code datetime.strftime} for the directives chat templates use ({@code %d %b %Y} and kin). */
final class PythonDateFormat {

    private PythonDateFormat() {
    }

    static String format(LocalDateTime time, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char directive = format.charAt(++i);
            out.append(switch (directive) {
                case 'Y' -> String.valueOf(time.getYear());
                case 'y' -> String.format("%02d", time.getYear() % 100);
                case 'm' -> String.format("%02d", time.getMonthValue());
                case 'd' -> String.format("%02d", time.getDayOfMonth());
                case 'H' -> String.format("%02d", time.getHour());
                case 'I' -> String.format("%02d", (time.getHour() + 11) % 12 + 1);
                case 'M' -> String.format("%02d", time.getMinute());
                case 'S' -> String.format("%02d", time.getSecond());
                case 'p' -> time.getHour() < 12 ? "AM" : "PM";
                case 'j' -> String.format("%03d", time.getDayOfYear());
                case 'b' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
                case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
                case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
                case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
                case 'F' -> time.format(DateTimeFormatter.ISO_LOCAL_DATE);
                case '%' -> "%";
                default -> "%" + directive;
            });
        }
        return out.toString();
    }
}
