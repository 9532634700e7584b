package dev.whetstone.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void bytesUseBinaryUnits() {
        assertThat(Units.bytes(512)).isEqualTo("512 B");
        assertThat(Units.bytes(3L * 1024 * 1024 + 400 * 1024)).isEqualTo("3.4 MiB");
        assertThat(Units.bytes(1_610_612_736L)).isEqualTo("1.5 GiB");
    }

    @Test
    void countsUseDecimalUnits() {
        assertThat(Units.count(950)).isEqualTo("950");
        assertThat(Units.count(28_896)).isEqualTo("28.9 K");
        assertThat(Units.count(751_632_384)).isEqualTo("751.6 M");
    }
}
