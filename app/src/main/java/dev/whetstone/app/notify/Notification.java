package dev.whetstone.app.notify;

import java.util.Objects;

/**
 * A desktop notification: a one-line title and a body of a sentence or two.
 *
 * <p>Example: {@code new Notification("Run r1 finished", "Completed 200 steps; last loss 0.412.")}
 *
 * @param title names the run and what happened; not blank
 * @param body  the step and the loss or the reason; not null
 */
public record Notification(String title, String body) {
    public Notification {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
    }
}
