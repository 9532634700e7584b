package dev.whetstone.engine.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Tinker's ordering rule for one training model: requests are applied in {@code seq_id} order (1, 2, 3, ...),
 * whatever order they arrive in (the SDK sends the chunks of one batch first-chunk-last), and each seq_id once (a
 * retried request gets the request id of the first). A request with no seq_id (old JSON clients) runs on arrival.
 */
final class Sequencer {
    private static final int REMEMBERED = 4096;

    /** A request let in: its id, and what applies it (queues work on the engine; must not block). */
    record Admitted(String requestId, Runnable apply) {
    }

    private long next = 1;
    private final TreeMap<Long, Runnable> held = new TreeMap<>();
    private final Map<Long, String> requestIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * The request id of {@code seqId}: the one it already has, or a new one from {@code admit}, whose work runs when
     * the seq_id's turn comes (at once if it is next, after the missing ones otherwise).
     */
    synchronized String submit(Integer seqId, Supplier<Admitted> admit) {
        if (seqId != null && requestIds.containsKey((long) seqId)) {
            return requestIds.get((long) seqId);
        }
        Admitted admitted = admit.get();
        if (seqId == null) {
            admitted.apply().run();
            return admitted.requestId();
        }
        long seq = seqId;
        requestIds.put(seq, admitted.requestId());
        if (seq < next) {   // below the window (a client restarted its numbering): run it now rather than never
            admitted.apply().run();
            return admitted.requestId();
        }
        held.put(seq, admitted.apply());
        while (!held.isEmpty() && held.firstKey() == next) {
            held.pollFirstEntry().getValue().run();
            next++;
        }
        return admitted.requestId();
    }

    /** How many requests wait for an earlier seq_id. */
    synchronized int waiting() {
        return held.size();
    }
}
