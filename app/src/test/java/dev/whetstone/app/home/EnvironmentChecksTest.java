package dev.whetstone.app.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.home.EnvironmentCheck.Status;
import dev.whetstone.engine.ServerCapabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentChecksTest {

    private static ServerCapabilities on(String device) {
        return new ServerCapabilities(List.of(), device, "cpu", 0);
    }

    @Test
    void aGpuIsFine() {
        assertThat(EnvironmentChecks.device(on("cuda:0 (auto)")).status()).isEqualTo(Status.OK);
    }

    @Test
    void aGpuWithTheCpuLibraryTellsHowToBuildForCuda() {
        EnvironmentCheck check = EnvironmentChecks.device(on("cpu (a GPU is present but the CPU libtorch is loaded)"));
        assertThat(check.status()).isEqualTo(Status.ATTENTION);
        assertThat(check.advice()).contains("scripts/build-cuda-jni.sh", "!cpu-natives");
    }

    @Test
    void aRequestedCpuIsFine() {
        assertThat(EnvironmentChecks.device(on("cpu (requested)")).status()).isEqualTo(Status.OK);
    }

    @Test
    void lowDiskNeedsAttention() {
        assertThat(EnvironmentChecks.disk(1L << 30).status()).isEqualTo(Status.ATTENTION);
        assertThat(EnvironmentChecks.disk(100L << 30).value()).isEqualTo("100.0 GiB free in the engine home");
    }
}
