package dev.whetstone.app.engine;

import java.util.Objects;

/**
 * Where the engine in use stands, for the status bar: which engine, whether it can be reached, the device it
 * computes on, and a sentence on what happened last (a restart says why).
 *
 * @param engine  the engine's name ("Engine process on this machine", "Remote engine at http://gpu-box:8000")
 * @param phase   starting, reachable, unreachable, restarting or failed
 * @param device  the device it reported ("cpu", "cuda:0"), or null before it has
 * @param message what happened, for people (empty when nothing needs saying)
 */
public record EngineStatus(String engine, Phase phase, String device, String message) {

    /** The stages an engine goes through. */
    public enum Phase {
        STARTING("starting"), REACHABLE("reachable"), UNREACHABLE("unreachable"), RESTARTING("restarting"),
        FAILED("not available");

        private final String words;

        Phase(String words) {
            this.words = words;
        }

        /** "reachable", "restarting", … */
        public String words() {
            return words;
        }
    }

    public EngineStatus {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(phase, "phase");
        message = message == null ? "" : message;
    }

    /** The same status in another phase with another message, keeping the device. */
    public EngineStatus with(Phase next, String why) {
        return new EngineStatus(engine, next, device, why);
    }

    /** "Engine process on this machine · cpu · reachable" */
    public String summary() {
        return engine + (device == null ? "" : " · " + device) + " · " + phase.words();
    }
}
