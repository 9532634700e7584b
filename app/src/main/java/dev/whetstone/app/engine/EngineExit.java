package dev.whetstone.app.engine;

/**
 * What an engine process's exit code says happened, in words a user can act on: a kill (SIGKILL, which is also
 * how Linux ends a process when memory runs out), a native crash, Java running out of memory, or a plain exit.
 *
 * <p>{@code EngineExit.describe(137)} gives "was killed (SIGKILL: stopped by someone, or by the system when memory
 * ran out)".
 */
public final class EngineExit {
    /** The exit code the engine process uses when the Java heap runs out ({@code -XX:+ExitOnOutOfMemoryError}). */
    public static final int JAVA_OUT_OF_MEMORY = 3;

    private EngineExit() {
    }

    /** The end of a sentence starting "The engine process …". */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case 0 -> "stopped";
            case JAVA_OUT_OF_MEMORY -> "ran out of Java memory (exit code 3)";
            case 128 + 9 -> "was killed (SIGKILL: stopped by someone, or by the system when memory ran out)";
            case 128 + 15 -> "was stopped (SIGTERM)";
            case 128 + 6 -> "crashed in native code (SIGABRT; look for an hs_err_pid*.log crash report)";
            case 128 + 11 -> "crashed in native code (SIGSEGV; look for an hs_err_pid*.log crash report)";
            case 128 + 2 -> "was interrupted (SIGINT)";
            default -> exitCode > 128 && exitCode < 128 + 65 ? "was ended by signal " + (exitCode - 128)
                    : "exited with code " + exitCode;
        };
    }
}
