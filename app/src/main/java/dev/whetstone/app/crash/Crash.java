package dev.whetstone.app.crash;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An exception nothing caught, as the crash dialog shows it.
 *
 * @param thread the name of the thread it was thrown on
 * @param error  the exception
 * @param time   when it reached the reporter
 */
public record Crash(String thread, Throwable error, Instant time) {

    public Crash {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(time, "time");
    }

    /** One line for the dialog: the innermost cause's message, or its class when it has none. */
    public String summary() {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName() : message;
    }

    /** What "Copy details" copies: {@code context} lines (version, Java, OS, log folder), then the stack trace. */
    public String details(List<String> context) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        context.forEach(out::println);
        out.println("time:        " + time);
        out.println("thread:      " + thread);
        out.println("os:          " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.println();
        error.printStackTrace(out);
        out.flush();
        return text.toString();
    }
}
