package dev.whetstone.engine.run;

/**
 * The controls of a running loop, checked between steps: pause / resume, stop, stop-and-save, save-now.
 * Thread-safe: the app calls them from any thread; the loop blocks in {@link #next} while paused.
 */
public final class RunControls {

    /** What the loop should do before its next step. */
    enum Command { CONTINUE, SAVE_NOW, STOP, STOP_AND_SAVE }

    private boolean paused;
    private String pauseReason;
    private boolean saveNow;
    private Command stop = Command.CONTINUE;

    /** Pauses before the next step. */
    public synchronized void pause() {
        pause("paused by the user");
    }

    synchronized void pause(String reason) {
        paused = true;
        pauseReason = reason;
        notifyAll();
    }

    /** Continues a paused run. */
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Stops before the next step without saving. */
    public synchronized void stop() {
        stop = Command.STOP;
        notifyAll();
    }

    /** Stops before the next step and saves a final checkpoint. */
    public synchronized void stopAndSave() {
        stop = Command.STOP_AND_SAVE;
        notifyAll();
    }

    /** Saves a checkpoint before the next step and goes on. */
    public synchronized void saveNow() {
        saveNow = true;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Why the run is paused, or null. */
    public synchronized String pauseReason() {
        return paused ? pauseReason : null;
    }

    /**
     * The next command; while paused, waits (calling {@code onPause} once) until resumed or stopped.
     */
    synchronized Command next(Runnable onPause, Runnable onResume) throws InterruptedException {
        if (paused && stop == Command.CONTINUE) {
            onPause.run();
            while (paused && stop == Command.CONTINUE && !saveNow) {
                wait();
            }
            if (!paused) {
                onResume.run();
            }
        }
        if (stop != Command.CONTINUE) {
            return stop;
        }
        if (saveNow) {
            saveNow = false;
            return Command.SAVE_NOW;
        }
        return paused ? next(() -> { }, onResume) : Command.CONTINUE;
    }
}
