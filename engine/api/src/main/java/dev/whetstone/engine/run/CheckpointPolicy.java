package dev.whetstone.engine.run;

import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.event.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Retention of a run's periodic checkpoints: keep the last {@code keepLast} and the one with the best
 * evaluation loss; delete the rest (training state and sampler weights). The final checkpoint is never
 * periodic.
 */
final class CheckpointPolicy {

    /** One periodic checkpoint: its name, paths and the evaluation loss when it was saved (NaN if none). */
    record Saved(String name, long step, String statePath, String samplerPath, double evalLoss) {
    }

    private final int keepLast;
    private final List<Saved> periodic = new ArrayList<>();

    CheckpointPolicy(int keepLast) {
        this.keepLast = keepLast;
    }

    /** The newest checkpoint at or before {@code step}, for rolling back; null if none. */
    Saved lastAtOrBefore(long step) {
        Saved found = null;
        for (Saved s : periodic) {
            if (s.step() <= step && (found == null || s.step() >= found.step())) {
                found = s;
            }
        }
        return found;
    }

    /**
     * Records {@code saved} and deletes what retention no longer keeps, telling {@code forget} each victim's name
     * first (the journal drops it before the folders go); returns the deletion events.
     */
    List<RunEvent> add(Saved saved, CheckpointStore store, Consumer<String> forget) {
        periodic.removeIf(s -> s.name().equals(saved.name()));
        periodic.add(saved);
        Saved best = null;
        for (Saved s : periodic) {
            if (!Double.isNaN(s.evalLoss()) && (best == null || s.evalLoss() < best.evalLoss())) {
                best = s;
            }
        }
        List<RunEvent> deleted = new ArrayList<>();
        while (periodic.size() > keepLast + (best != null && isOld(best) ? 1 : 0)) {
            Saved victim = null;
            for (Saved s : periodic) {
                if (s != best && (victim == null || s.step() < victim.step())) {
                    victim = s;
                }
            }
            if (victim == null) {
                break;
            }
            periodic.remove(victim);
            forget.accept(victim.name());
            try {
                store.delete(victim.statePath());
                if (victim.samplerPath() != null) {
                    store.delete(victim.samplerPath());
                }
                deleted.add(new RunEvent.CheckpointDeleted(victim.name(), "retention: keep the last " + keepLast + " and the best"));
            } catch (WorkbenchException e) {
                deleted.add(new RunEvent.CheckpointDeleted(victim.name(), "could not delete: " + e.getMessage()));
            }
        }
        return deleted;
    }

    private boolean isOld(Saved best) {
        int newer = 0;
        for (Saved s : periodic) {
            if (s.step() > best.step()) {
                newer++;
            }
        }
        return newer >= keepLast;
    }
}
