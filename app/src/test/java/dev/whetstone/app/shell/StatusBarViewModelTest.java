package dev.whetstone.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.ServerCapabilities;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {
    private final StatusBarViewModel status = new StatusBarViewModel(InlineExecutor.background(), Runtime.getRuntime());

    @Test
    void showsTheDeviceAndWhyOnceKnown() {
        CompletableFuture<ServerCapabilities> caps = new CompletableFuture<>();
        status.showDevice(caps);
        assertThat(status.device().get()).isEqualTo("Device: detecting…");
        caps.complete(new ServerCapabilities(List.of("Qwen3ForCausalLM"), "cpu (no CUDA device visible)", "cpu", 1L << 30));
        assertThat(status.device().get()).isEqualTo("Device: cpu (no CUDA device visible)");
        assertThat(status.deviceDetail().get()).contains("cpu build of libtorch");
    }

    @Test
    void aFailedProbeIsShownNotThrown() {
        status.showDevice(CompletableFuture.failedFuture(new dev.whetstone.engine.WorkbenchException("libtorch did not load; run doctor")));
        assertThat(status.device().get()).isEqualTo("Device: unavailable");
        assertThat(status.deviceDetail().get()).isEqualTo("libtorch did not load; run doctor");
    }

    @Test
    void memoryIsShownInMebibytes() {
        status.sampleMemory();
        assertThat(status.memory().get()).matches("Memory: \\d+ MiB of \\d+ MiB");
    }
}
