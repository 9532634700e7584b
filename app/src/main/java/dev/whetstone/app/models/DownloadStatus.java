package dev.whetstone.app.models;

import dev.whetstone.app.fx.Units;
import dev.whetstone.engine.hub.DownloadProgress;
import java.util.Locale;

/**
 * A download's progress as one line of text, the same in the Download dialog and on the terminal:
 * {@code "612.3 MiB of 1.4 GiB · 23.1 MiB/s · about 34 s left · model.safetensors"}.
 */
public final class DownloadStatus {
    private DownloadStatus() {
    }

    /** Bytes, speed, time left and the file or what is happening. */
    public static String line(DownloadProgress p) {
        StringBuilder text = new StringBuilder(Units.bytes(p.bytesDone())).append(" of ").append(Units.bytes(p.bytesTotal()));
        if (p.bytesPerSecond() > 0) {
            text.append(" · ").append(Units.bytes(Math.round(p.bytesPerSecond()))).append("/s");
            text.append(" · about ").append(duration(p.secondsLeft())).append(" left");
        }
        if (!p.file().isEmpty()) {
            text.append(" · ").append(p.file());
            if (!p.status().equals("downloading")) {
                text.append(" (").append(p.status()).append(')');
            }
        } else if (!p.status().equals("done")) {
            text.append(" · ").append(p.status());
        }
        return text.toString();
    }

    /** "42 s", "3 min 5 s", "1 h 12 min". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, s / 60 % 60);
    }
}
