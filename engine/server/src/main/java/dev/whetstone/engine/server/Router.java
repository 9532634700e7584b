package dev.whetstone.engine.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches a method and path to a {@link Route}. Patterns are segment lists where {@code *} matches one
 * segment and a trailing {@code **} the rest (ids such as {@code <sid>:sample:0} contain colons, checkpoint ids a
 * slash): {@code router.add("GET", "training_runs/*\/checkpoints", route)}.
 */
final class Router {
    private record Entry(String method, List<String> pattern, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();

    Router add(String method, String pattern, Route route) {
        entries.add(new Entry(method, List.of(pattern.split("/")), route));
        return this;
    }

    /** The route for {@code method} and {@code segments}; 404 or 405 with a message when there is none. */
    Route find(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Entry e : entries) {
            if (matches(e.pattern(), segments)) {
                pathKnown = true;
                if (e.method().equals(method)) {
                    return e.route();
                }
            }
        }
        if (pathKnown) {
            throw new HttpError(405, method + " is not allowed on /api/v1/" + String.join("/", segments));
        }
        throw HttpError.notFound("no such endpoint: " + method + " /api/v1/" + String.join("/", segments)
                + "; this server speaks Tinker's protocol (SDK 0.25) and OpenAI-style /v1/completions");
    }

    private static boolean matches(List<String> pattern, List<String> segments) {
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.equals("**")) {
                return segments.size() > i;
            }
            if (i >= segments.size() || !(p.equals("*") || p.equals(segments.get(i)))) {
                return false;
            }
        }
        return pattern.size() == segments.size();
    }
}
