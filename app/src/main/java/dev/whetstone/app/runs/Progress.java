package dev.whetstone.app.runs;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A run's progress as the dashboard shows it: fraction done, "step n / N · epoch e", elapsed and ETA. */
public final class Progress {
    private final DoubleProperty fraction = new SimpleDoubleProperty();
    private final StringProperty steps = new SimpleStringProperty("");
    private final StringProperty time = new SimpleStringProperty("");
    private long total;
    private MetricLine last;

    void reset() {
        total = 0;
        last = null;
        fraction.set(0);
        steps.set("");
        time.set("");
    }

    void total(long totalSteps) {
        total = totalSteps;
        if (last != null) {
            at(last);
        }
    }

    void at(MetricLine line) {
        last = line;
        fraction.set(total > 0 ? Math.min(1, (double) line.step() / total) : 0);
        String epoch = Double.isNaN(line.epoch()) ? "" : " · epoch " + ((long) line.epoch() + 1);
        steps.set("step " + line.step() + " / " + (total > 0 ? total : "?") + epoch);
        String eta = Double.isNaN(line.etaS()) || line.step() >= total ? "" : " · ETA " + duration(line.etaS());
        time.set(Double.isNaN(line.elapsedS()) ? "" : "elapsed " + duration(line.elapsedS()) + eta);
    }

    /** {@code "1h 02m"}, {@code "3m 05s"}, {@code "12s"}. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    public DoubleProperty fraction() { return fraction; }

    public StringProperty steps() { return steps; }

    public StringProperty time() { return time; }
}
