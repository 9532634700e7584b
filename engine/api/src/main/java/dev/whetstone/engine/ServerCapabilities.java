package dev.whetstone.engine;

import java.util.List;
import java.util.Objects;

/**
 * What the local engine can run: the model architectures it supports, the device it computes on, the
 * native library build, and the device's memory.
 *
 * <p>{@code service.getServerCapabilities().supportedArchitectures().contains("Qwen3ForCausalLM")}
 *
 * @param supportedArchitectures {@code config.json} architecture names it can load; copied
 * @param device                 the resolved device, e.g. {@code "cpu"} or {@code "cuda:0"}
 * @param nativeFlavor           the native library build, e.g. {@code "cpu"} or {@code "cu128"}
 * @param totalMemoryBytes       memory of that device in bytes, {@code >= 0}
 * @param supportedModels        the base models a remote engine offers by name ({@code Qwen/Qwen3-8B}), as its
 *                               {@code get_server_capabilities} lists them; empty for an engine in this process, which
 *                               loads any model folder or cached repo; copied (null reads as empty)
 */
public record ServerCapabilities(List<String> supportedArchitectures, String device, String nativeFlavor,
                                 long totalMemoryBytes, List<String> supportedModels) {

    public ServerCapabilities {
        supportedArchitectures = List.copyOf(Objects.requireNonNull(supportedArchitectures, "supportedArchitectures"));
        supportedModels = supportedModels == null ? List.of() : List.copyOf(supportedModels);   // null: none listed
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(nativeFlavor, "nativeFlavor");
        if (totalMemoryBytes < 0) {
            throw new IllegalArgumentException("totalMemoryBytes must be >= 0, was " + totalMemoryBytes);
        }
    }

    /** Capabilities with no list of offered models (an engine in this process). */
    public ServerCapabilities(List<String> supportedArchitectures, String device, String nativeFlavor, long totalMemoryBytes) {
        this(supportedArchitectures, device, nativeFlavor, totalMemoryBytes, List.of());
    }
}
