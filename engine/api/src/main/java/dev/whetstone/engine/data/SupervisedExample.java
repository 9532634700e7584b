package dev.whetstone.engine.data;

import dev.whetstone.engine.Datum;

import java.util.Objects;

/**
 * A row ready for {@code forwardBackward} with {@code cross_entropy}: the {@link Datum} (input
 * {@code tokens[:-1]}, {@code target_tokens = tokens[1:]}, {@code weights} shifted the same way, after
 * truncation to the max length), the full rendering for the token inspector, and its stats.
 */
public record SupervisedExample(SourceLine source, RenderedExample rendered, Datum datum, ExampleStats stats) {

    public SupervisedExample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rendered, "rendered");
        Objects.requireNonNull(datum, "datum");
        Objects.requireNonNull(stats, "stats");
    }
}
