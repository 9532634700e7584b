package dev.whetstone.app.home;

import dev.whetstone.app.fx.Units;
import dev.whetstone.app.home.EnvironmentCheck.Status;
import dev.whetstone.app.install.CudaRoutes;
import dev.whetstone.app.install.InstalledApp;
import dev.whetstone.engine.ServerCapabilities;
import java.nio.file.Path;

/** Turns what the engine and the machine report into {@link EnvironmentCheck}s with advice that names the fix. */
final class EnvironmentChecks {
    static final String DEVICE = "Device";
    static final String NATIVE = "Native library";
    static final String DISK = "Disk";
    static final String JAVA = "Java";
    static final long LOW_DISK_BYTES = 5L * 1024 * 1024 * 1024;

    private EnvironmentChecks() {
    }

    static EnvironmentCheck device(ServerCapabilities caps) {
        String device = caps.device();
        if (device.startsWith("cuda")) {
            return new EnvironmentCheck(DEVICE, device, Status.OK, "");
        }
        if (device.contains("GPU is present")) {
            return new EnvironmentCheck(DEVICE, device, Status.ATTENTION, "A GPU is present, but the CPU libtorch is"
                    + " loaded. " + String.join(" ", CudaRoutes.forThisApp(InstalledApp.current()).steps()));
        }
        if (device.contains("requested")) {
            return new EnvironmentCheck(DEVICE, device, Status.OK, "You chose the CPU; start with --device auto to"
                    + " use a GPU when there is one.");
        }
        return new EnvironmentCheck(DEVICE, device, Status.ATTENTION, "Training runs on the CPU: fine for the starter"
                + " and small models, slow for billions of parameters. With an NVIDIA GPU, install its driver and"
                + " check that `nvidia-smi` lists it.");
    }

    static EnvironmentCheck nativeLibrary(ServerCapabilities caps) {
        return new EnvironmentCheck(NATIVE, "libtorch " + caps.nativeFlavor(), Status.OK, "");
    }

    static EnvironmentCheck engineFailed(String name, Throwable error) {
        return new EnvironmentCheck(name, "not available", Status.PROBLEM, error.getMessage()
                + " Run `whetstone doctor` for details.");
    }

    static EnvironmentCheck disk(long freeBytes) {
        String value = Units.bytes(freeBytes) + " free in the engine home";
        if (freeBytes < LOW_DISK_BYTES) {
            return new EnvironmentCheck(DISK, value, Status.ATTENTION, "Less than 5 GiB free: checkpoints and merged"
                    + " models need room. Free some space, or set WHETSTONE_HOME to a bigger disk.");
        }
        return new EnvironmentCheck(DISK, value, Status.OK, "");
    }

    static EnvironmentCheck diskFailed(Path home, Throwable error) {
        return new EnvironmentCheck(DISK, "unknown", Status.PROBLEM, "Could not read the free space under " + home
                + ": " + error.getMessage() + ". Check that the folder can be created and written.");
    }

    static EnvironmentCheck java() {
        return new EnvironmentCheck(JAVA, Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                Status.OK, "");
    }
}
