package dev.whetstone.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the local engine starts: its home folder (runs, checkpoints, caches), the device it computes on,
 * and the number of CPU threads for native ops.
 *
 * <p>{@code ServiceClient.local(EngineOptions.builder().home(Path.of("build/ws")).device("cpu").build())}
 *
 * @param home    the engine's folder; by default {@code $WHETSTONE_HOME}, else {@code ~/.whetstone}
 * @param device  {@code "auto"} (CUDA if present, else CPU), {@code "cpu"}, {@code "cuda"} or {@code "cuda:N"}
 * @param threads native CPU threads, {@code >= 1}, or 0 for the library's default
 */
public record EngineOptions(Path home, String device, int threads) {

    /** The environment variable that overrides the default home. */
    public static final String HOME_ENV = "WHETSTONE_HOME";

    private static final Pattern DEVICE = Pattern.compile("auto|cpu|cuda|cuda:\\d{1,9}");

    public EngineOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(device, "device");
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\" with N >= 0, was \""
                    + device + "\"");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 1, or 0 for the library default, was " + threads);
        }
    }

    /** Home from the environment, device {@code "auto"}, the library's default threads. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults: {@code EngineOptions.builder().device("cuda:1").build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code $WHETSTONE_HOME} of the process if set and not blank, else {@code ~/.whetstone}. */
    public static Path defaultHome() {
        return defaultHome(System.getenv(), System.getProperty("user.home"));
    }

    /** {@code env}'s {@value #HOME_ENV} if set and not blank, else {@code userHome/.whetstone}. */
    static Path defaultHome(Map<String, String> env, String userHome) {
        String fromEnv = env.get(HOME_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip());
        }
        return Path.of(userHome, ".whetstone");
    }

    /** Builds {@link EngineOptions}; unset fields take their defaults at {@link #build()}. */
    public static final class Builder {
        private Path home;
        private String device = "auto";
        private int threads;

        private Builder() {
        }

        /** Where runs, checkpoints and caches live: {@code .home(Path.of("build/ws"))}. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** {@code "auto"}, {@code "cpu"}, {@code "cuda"} or {@code "cuda:N"}: {@code .device("cpu")}. */
        public Builder device(String device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** Native CPU threads, or 0 for the library default: {@code .threads(8)}. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The options; validates the device and threads. */
        public EngineOptions build() {
            return new EngineOptions(home != null ? home : defaultHome(), device, threads);
        }
    }
}
