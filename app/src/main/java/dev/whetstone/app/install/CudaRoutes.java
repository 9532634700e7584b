package dev.whetstone.app.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a GPU user adds CUDA to this app, in the words and commands that fit how it was installed. The installed
 * app ships the CPU libtorch only (a CUDA libtorch is 2-3 GB); two routes lead to the GPU:
 * <ol>
 *   <li>build DJL's bridge against the CUDA PyTorch in the user's Python ({@code scripts/build-cuda-jni.sh},
 *       shipped with the installed app), then start the app with the environment the script prints;</li>
 *   <li>let DJL download its CUDA 12.8 libtorch once ({@code PYTORCH_FLAVOR=cu128} for an installed app, a build
 *       without the CPU natives from source).</li>
 * </ol>
 *
 * <p>{@code CudaRoutes.forThisApp(InstalledApp.current()).steps().forEach(System.out::println)}
 *
 * @param steps the routes, one paragraph each, commands in backticks
 */
public record CudaRoutes(List<String> steps) {
    /** Where the CUDA script sits inside an installed app's folder. */
    public static final String SCRIPT = "scripts/build-cuda-jni.sh";

    public CudaRoutes {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    /** The routes for this installed app, or for a build from source when {@code installed} is empty. */
    public static CudaRoutes forThisApp(Optional<InstalledApp> installed) {
        if (installed.isPresent()) {
            Path app = installed.get().appFolder();
            Path launcher = installed.get().launcher();
            return new CudaRoutes(List.of(
                    "With a CUDA build of PyTorch in your Python (and a JDK 17, cmake and a C++ compiler): run `LIB_DIR="
                            + app + " bash " + app.resolve(SCRIPT) + "`. It builds DJL's bridge against that PyTorch and"
                            + " prints three `export` lines; start Whetstone from a shell where they are set (or add"
                            + " them to your shell's profile).",
                    "Or DJL's own CUDA 12.8 libtorch 2.7.1 (needs internet once, about 2.5 GB into ~/.djl.ai, and an"
                            + " NVIDIA driver for CUDA 12.8): start `PYTORCH_FLAVOR=cu128 " + launcher + " doctor`"
                            + " once, then the app the same way."));
        }
        return new CudaRoutes(List.of(
                "With a CUDA build of PyTorch in your Python: run `" + SCRIPT + "` from the checkout after `mvn -B"
                        + " -DskipTests package`, and set the three `export` lines it prints before starting Whetstone.",
                "Or build without the CPU natives, `mvn -B -DskipTests -P'!cpu-natives' package`, so DJL downloads its"
                        + " CUDA 12.8 libtorch 2.7.1 once on first start (needs internet once and an NVIDIA driver for"
                        + " CUDA 12.8)."));
    }
}
