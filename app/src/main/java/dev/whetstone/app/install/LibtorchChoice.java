package dev.whetstone.app.install;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which libtorch DJL loads, decided before it loads, and in words for {@code doctor}, {@code --version} and
 * About:
 * <ul>
 *   <li>{@link Source#ENVIRONMENT}: the user set {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR} or
 *       {@code PYTORCH_VERSION} (a CUDA PyTorch, or DJL's CUDA download); DJL reads them itself;</li>
 *   <li>{@link Source#BUNDLED}: the CPU libtorch an installer unpacked beside the jars; DJL is pointed at it
 *       through system properties, so nothing is extracted or downloaded;</li>
 *   <li>{@link Source#CLASS_PATH}: a build from source: the {@code pytorch-native-cpu} jar, unpacked to
 *       {@code ~/.djl.ai} once (or, with no such jar, DJL's download of the build for this machine).</li>
 * </ul>
 * (The installed app's other native libraries are always its own: {@link InstalledApp#nativeProperties()}.)
 *
 * <p>{@code LibtorchChoice.decide(System.getenv(), InstalledApp.current(), jarPresent).apply()}
 *
 * @param source      where libtorch comes from
 * @param description one line for people, e.g. {@code "2.7.1 cpu, bundled in /opt/whetstone/lib/app/native/..."}
 * @param properties  the system properties {@link #apply()} sets (DJL reads the environment first, then these)
 */
public record LibtorchChoice(Source source, String description, Map<String, String> properties) {
    /** The environment variables with which a user picks another libtorch. */
    public static final List<String> USER_VARIABLES = List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "PYTORCH_VERSION");

    /** Where libtorch comes from. */
    public enum Source { ENVIRONMENT, BUNDLED, CLASS_PATH }

    public LibtorchChoice {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
        properties = Map.copyOf(properties);
    }

    /** This process's choice: its environment, its installed app, and whether the native jar is on the class path. */
    public static LibtorchChoice current() {
        return decide(System.getenv(), InstalledApp.current(),
                LibtorchChoice.class.getClassLoader().getResource("native/lib/pytorch.properties") != null);
    }

    /** The choice for an environment, an installed app (if any) and whether a native jar is on the class path. */
    public static LibtorchChoice decide(Map<String, String> env, Optional<InstalledApp> installed, boolean nativeJar) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> set = USER_VARIABLES.stream().filter(name -> !env.getOrDefault(name, "").isBlank()).toList();
        if (!set.isEmpty()) {
            StringBuilder line = new StringBuilder("from your environment:");
            for (String name : set) {
                line.append(' ').append(name).append('=').append(env.get(name));
            }
            return new LibtorchChoice(Source.ENVIRONMENT, line.toString(), properties);
        }
        if (installed.isPresent()) {
            InstalledApp app = installed.get();
            properties.put("PYTORCH_LIBRARY_PATH", app.libtorchFolder().toString());
            properties.put("PYTORCH_VERSION", app.libtorchVersion());
            properties.put("PYTORCH_FLAVOR", app.libtorchFlavor());
            if (env.getOrDefault("ENGINE_CACHE_DIR", "").isBlank()) {
                // DJL finds its JNI bridge in <ENGINE_CACHE_DIR>/pytorch/<version>-<flavor>-<os>, unpacked there too
                properties.put("ENGINE_CACHE_DIR", app.nativeFolder().toString());
            }
            return new LibtorchChoice(Source.BUNDLED, app.libtorchVersion() + " " + app.libtorchFlavor() + ", bundled in "
                    + app.libtorchFolder(), properties);
        }
        String cache = env.getOrDefault("ENGINE_CACHE_DIR", env.getOrDefault("DJL_CACHE_DIR", "~/.djl.ai"));
        return new LibtorchChoice(Source.CLASS_PATH, nativeJar
                ? "cpu, from the pytorch-native-cpu jar, unpacked under " + cache + "/pytorch on first start"
                : "none bundled: DJL downloads the build for this machine into " + cache + "/pytorch on first start",
                properties);
    }

    /** Sets {@link #properties()} as system properties, before the engine loads. */
    public void apply() {
        properties.forEach(System::setProperty);
    }

    /**
     * Points every native library at what the installed app (if any) bundles, then applies this process's
     * libtorch choice; call before the engine loads.
     */
    public static void applyForThisProcess() {
        Optional<InstalledApp> installed = InstalledApp.current();
        installed.ifPresent(app -> app.nativeProperties().forEach(System::setProperty));
        current().apply();
    }
}
