package dev.whetstone.engine.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Tinker checkpoint path, {@code tinker://<run-id>/weights/<name>} (adapter + optimizer state) or
 * {@code tinker://<run-id>/sampler_weights/<name>} (adapter only). In JSON it is that string.
 */
public record TinkerPath(String runId, Kind kind, String name) {
    public static final String SCHEME = "tinker://";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** The two kinds of checkpoint and their folder names. */
    public enum Kind {
        WEIGHTS("weights"), SAMPLER_WEIGHTS("sampler_weights");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        /** The folder (and path segment) name. */
        public String folder() {
            return folder;
        }
    }

    public TinkerPath {
        Objects.requireNonNull(kind, "kind");
        requireValidName("run id", runId);
        requireValidName("checkpoint name", name);
    }

    /** Whether {@code path} uses the {@code tinker://} scheme. */
    public static boolean isTinkerPath(String path) {
        return path != null && path.startsWith(SCHEME);
    }

    /** Parses {@code tinker://<run>/<weights|sampler_weights>/<name>}; anything else is an IllegalArgumentException. */
    @JsonCreator
    public static TinkerPath parse(String path) {
        if (!isTinkerPath(path)) {
            throw new IllegalArgumentException("'" + path + "' is not a tinker:// path; expected tinker://<run-id>/weights/<name>"
                    + " or tinker://<run-id>/sampler_weights/<name>");
        }
        String[] parts = path.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + path + "' must have exactly three parts: tinker://<run-id>/<weights|sampler_weights>/<name>");
        }
        Kind kind = switch (parts[1]) {
            case "weights" -> Kind.WEIGHTS;
            case "sampler_weights" -> Kind.SAMPLER_WEIGHTS;
            default -> throw new IllegalArgumentException("'" + path + "': the middle part must be 'weights' or 'sampler_weights', was '"
                    + parts[1] + "'");
        };
        return new TinkerPath(parts[0], kind, parts[2]);
    }

    /**
     * Checks a checkpoint or run name: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, so no {@code /}, no
     * {@code .} or {@code ..}, never empty.
     */
    public static String requireValidName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} (letters, digits, "
                    + "'.', '_', '-'; starting with a letter or digit; at most 128 characters), was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** The checkpoint id Tinker lists: {@code weights/<name>}. */
    public String checkpointId() {
        return kind.folder() + "/" + name;
    }

    /**
     * The same checkpoint name of this run as {@code other} kind: the sampler weights saved beside a training state.
     *
     * <p>Example: {@code TinkerPath.parse("tinker://r1/weights/000040").as(Kind.SAMPLER_WEIGHTS)} is
     * {@code tinker://r1/sampler_weights/000040}
     */
    public TinkerPath as(Kind other) {
        return new TinkerPath(runId, other, name);
    }

    @JsonValue
    @Override
    public String toString() {
        return SCHEME + runId + "/" + checkpointId();
    }
}
