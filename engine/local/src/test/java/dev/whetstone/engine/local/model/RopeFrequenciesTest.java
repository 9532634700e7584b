package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.RopeScaling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RopeFrequenciesTest {

    @Test
    void unscaledFrequenciesArePowersOfTheBase() {
        double[] inv = RopeFrequencies.inverseFrequencies(8, 10000);
        assertThat(inv).containsExactly(new double[] {1, 0.1, 0.01, 0.001}, within(1e-18));
    }

    @Test
    void llama3KeepsHighDividesLowAndBlendsMediumFrequencies() {
        // orig 1024, low 1, high 4: wavelengths > 1024 are scaled, < 256 kept, between blended
        RopeScaling scaling = RopeScaling.llama3(8, 1, 4, 1024);
        double[] inv = RopeFrequencies.inverseFrequencies(8, 10000, scaling);
        // wavelengths: 2π, 20π, 200π ≈ 628.3 (medium), 2000π ≈ 6283 (low)
        double smooth = (1024 / (200 * Math.PI) - 1) / 3; // (orig / wavelen - low) / (high - low)
        assertThat(inv[0]).isEqualTo(1.0);
        assertThat(inv[1]).isCloseTo(0.1, within(1e-17));
        assertThat(inv[2]).isCloseTo(0.00125 + smooth * 0.00875, within(1e-17)); // (1-s)·f/8 + s·f
        assertThat(inv[2]).isCloseTo(0.003086760967, within(1e-12)); // by hand: 0.00125 + 0.00875 · 0.2099155391
        assertThat(inv[3]).isCloseTo(0.000125, within(1e-18));
    }

    @Test
    void llama31ScalingOfA128DimHead() {
        // Llama 3.1 8B: theta 500000, factor 8, low 1, high 4, orig 8192
        RopeScaling scaling = RopeScaling.llama3(8, 1, 4, 8192);
        double[] plain = RopeFrequencies.inverseFrequencies(128, 500000);
        double[] scaled = RopeFrequencies.inverseFrequencies(128, 500000, scaling);
        for (int i = 0; i < plain.length; i++) {
            double wavelen = 2 * Math.PI / plain[i];
            if (wavelen < 2048) {
                assertThat(scaled[i]).isEqualTo(plain[i]);
            } else if (wavelen > 8192) {
                assertThat(scaled[i]).isEqualTo(plain[i] / 8);
            } else {
                assertThat(scaled[i]).isBetween(plain[i] / 8, plain[i]);
            }
        }
        assertThat(scaled[63]).isCloseTo(Math.pow(500000, -126.0 / 128) / 8, within(1e-20));
    }

    @Test
    void torchLikeFloat32ValuesAgreeWithDoublesToAFewUlps() {
        RopeScaling scaling = RopeScaling.llama3(32, 1, 4, 8192);
        double[] exact = RopeFrequencies.inverseFrequencies(64, 500000, scaling);
        float[] torch = RopeFrequencies.inverseFrequenciesLikeTorch(64, 500000, scaling);
        for (int i = 0; i < exact.length; i++) {
            assertThat((double) torch[i]).isCloseTo(exact[i], within(4.0 * Math.ulp((float) exact[i])));
        }
    }
}
