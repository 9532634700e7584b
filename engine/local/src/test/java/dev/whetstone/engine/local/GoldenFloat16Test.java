package dev.whetstone.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GPU's precision policy (frozen matrices in float16, the rest float32; docs/decisions/0022) run on the
 * CPU against PyTorch's float64 golden values, within float16's tolerances: the same code path CUDA takes,
 * casts and overflow checks included, so a GPU run only adds the device.
 */
class GoldenFloat16Test {
    private static final DeviceSelection HALF_ON_CPU = new DeviceSelection(Device.cpu(), "cpu, float16 matrices (test)",
            "cpu", DataType.FLOAT16);

    static List<String> cases() {
        return GoldenCase.NAMES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void float16MatricesStayWithinFloat16TolerancesOfTorch(String name, @TempDir Path home) {
        GoldenOnDevice.Errors errors = GoldenOnDevice.check(GoldenCase.load(name), HALF_ON_CPU, home);

        assertThat(errors.within(GoldenOnDevice.Errors.TOLERANCES)).as("%s: %s", name, errors).isTrue();
        assertThat(errors.logprob()).as("%s: float16 rounding shows (the path really ran in float16)", name)
                .isGreaterThan(1e-6);
    }
}
