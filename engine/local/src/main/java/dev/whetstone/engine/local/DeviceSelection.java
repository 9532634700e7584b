package dev.whetstone.engine.local;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.whetstone.engine.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device the engine computes on, chosen from {@code EngineOptions.device}, and why.
 *
 * <p>DJL accepts a CPU libtorch even on a machine with a GPU (DJL-NOTES.md §1), so "auto" checks for an
 * NVIDIA driver too and says loudly when the GPU goes unused and how to fix it.
 *
 * @param device      the DJL device
 * @param description for people: "cuda:0 (NVIDIA ...)" or "cpu (no CUDA device visible)"
 * @param flavor      the libtorch flavour in use (cpu, cu128, ...)
 * @param matrixType  the data type of frozen base matrices: float16 on CUDA, float32 on the CPU
 *                    (docs/decisions/0022-cuda-precision-policy.md); tests also run float16 on the CPU
 */
public record DeviceSelection(Device device, String description, String flavor, DataType matrixType) {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelection.class);

    public DeviceSelection {
        if (matrixType != DataType.FLOAT32 && matrixType != DataType.FLOAT16) {
            throw new IllegalArgumentException("matrixType must be FLOAT32 or FLOAT16, was " + matrixType);
        }
    }

    /** {@code device} with the engine's matrix type for it: float16 on a GPU, float32 on the CPU. */
    public DeviceSelection(Device device, String description, String flavor) {
        this(device, description, flavor, device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32);
    }

    /**
     * Gives libtorch's cached but unused device memory back to the driver (CUDA keeps freed blocks for reuse;
     * a run's peak would otherwise stay reserved after it ends). A no-op on the CPU.
     */
    public void releaseCachedMemory() {
        if (device.isGpu()) {
            JniUtils.emptyCudaCache();
        }
    }

    /** Whether frozen matrices are narrowed to float16 (activations stay float32; overflow is checked). */
    public boolean halfMatrices() {
        return matrixType == DataType.FLOAT16;
    }

    /** Resolves {@code requested} ("auto", "cpu", "cuda", "cuda:N") against what libtorch sees. */
    public static DeviceSelection choose(String requested) {
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        String flavor = flavor(gpus);
        if ("cpu".equals(requested)) {
            return log(new DeviceSelection(Device.cpu(), "cpu (requested)", flavor));
        }
        if (requested.startsWith("cuda")) {
            int index = requested.contains(":") ? Integer.parseInt(requested.substring(requested.indexOf(':') + 1)) : 0;
            if (index >= gpus) {
                throw new WorkbenchException("device '" + requested + "' is not available: libtorch (" + flavor + ") sees "
                        + gpus + " CUDA device(s). " + cudaAdvice());
            }
            return log(new DeviceSelection(Device.gpu(index), "cuda:" + index, flavor));
        }
        if (gpus > 0) {
            return log(new DeviceSelection(Device.gpu(0), "cuda:0 (auto)", flavor));
        }
        if (nvidiaDriverPresent()) {
            LOG.warn("An NVIDIA driver is installed but libtorch ({}) sees no CUDA device: training runs on the CPU. {}",
                    flavor, cudaAdvice());
            return log(new DeviceSelection(Device.cpu(), "cpu (a GPU is present but the CPU libtorch is loaded)", flavor));
        }
        return log(new DeviceSelection(Device.cpu(), "cpu (no CUDA device visible)", flavor));
    }

    private static DeviceSelection log(DeviceSelection selection) {
        LOG.info("Whetstone computes on {} with libtorch {} ({})", selection.description(),
                Engine.getEngine("PyTorch").getVersion(), selection.flavor());
        return selection;
    }

    private static String flavor(int gpus) {
        String configured = System.getenv("PYTORCH_FLAVOR");   // read as DJL does: the environment, then the property
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("PYTORCH_FLAVOR");
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return gpus > 0 ? "cuda" : "cpu";
    }

    private static boolean nvidiaDriverPresent() {
        return Files.exists(Path.of("/proc/driver/nvidia/version"));
    }

    private static String cudaAdvice() {
        return "To use the GPU with the CUDA PyTorch installed in your Python, run scripts/build-cuda-jni.sh from the "
                + "checkout and set the environment it prints; or run a build without the CPU natives "
                + "(mvn -P!cpu-natives package) so DJL fetches its CUDA 12.8 libtorch once (README, Troubleshooting).";
    }
}
