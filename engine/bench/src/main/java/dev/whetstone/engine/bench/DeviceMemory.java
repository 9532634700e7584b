package dev.whetstone.engine.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

/** GPU memory in use on a device, as the driver counts it (every process's, the CUDA contexts included). */
final class DeviceMemory {
    private DeviceMemory() {
    }

    /** Bytes in use on {@code device} now, or -1 on the CPU or when the driver cannot say. */
    static long usedBytes(Device device) {
        if (!device.isGpu()) {
            return -1;
        }
        try {
            return CudaUtils.getGpuMemory(device).getCommitted();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
