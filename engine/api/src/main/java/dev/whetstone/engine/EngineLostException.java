package dev.whetstone.engine;

/**
 * The engine behind a client went away mid-call: its process was killed, crashed or ran out of memory. Work
 * already queued on it may or may not have run; what a checkpoint saved is safe. When {@link #restarting()} is
 * true a new engine is being started behind the same {@link ServiceClient}, so a caller that keeps its own
 * journal (the run supervisor) resumes from its last complete checkpoint on it.
 *
 * <p>{@code if (cause instanceof EngineLostException lost && lost.restarting()) { resume(); }}
 */
public class EngineLostException extends WorkbenchException {
    private final boolean restarting;

    /** {@code message} says what happened to the engine and what happens next. */
    public EngineLostException(String message, boolean restarting) {
        super(message);
        this.restarting = restarting;
    }

    /** Whether the same {@link ServiceClient} is starting a new engine that later calls will reach. */
    public boolean restarting() {
        return restarting;
    }

    /** The {@code EngineLostException} in {@code error}'s cause chain, or null (futures wrap it in CompletionException). */
    public static EngineLostException in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EngineLostException lost) {
                return lost;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
