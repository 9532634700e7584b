package dev.whetstone.app.fx;

/**
 * A count with its noun in the number the count asks for, as every pane writes counts:
 * {@code Plural.of(1, "epoch") = "1 epoch"}, {@code Plural.of(4, "epoch") = "4 epochs"}.
 */
public final class Plural {
    private Plural() {
    }

    /** {@code count} and {@code noun}, with an {@code s} unless the count is one. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }

    /** {@code count} and {@code singular} or {@code plural}: {@code of(2, "line", "lines")}, {@code of(1, "entry", "entries")}. */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
