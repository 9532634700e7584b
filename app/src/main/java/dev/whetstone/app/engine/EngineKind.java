package dev.whetstone.app.engine;

/** The three engines the app and the command line can train and sample with. */
public enum EngineKind {
    /** {@code whetstone serve} as a child process on loopback, restarted if it dies; the app's default. */
    PROCESS("Engine process on this machine", "process"),
    /** The engine inside this JVM: no process boundary, nothing to restart, and a native crash ends the app. */
    IN_PROCESS("In this process", "local"),
    /** A {@code whetstone serve} on another machine, or hosted Tinker, at a base URL with an API key. */
    REMOTE("Remote engine", "URL");

    private final String label;
    private final String cliName;

    EngineKind(String label, String cliName) {
        this.label = label;
        this.cliName = cliName;
    }

    /** How Settings and the status bar name it. */
    public String label() {
        return label;
    }

    /** How {@code --engine} names it ({@code process}, {@code local}, or the URL itself). */
    public String cliName() {
        return cliName;
    }
}
