package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopReasonTest {

    @Test
    void stopReasonWireNamesAreTinkers() {
        assertThat(StopReason.STOP.wireName()).isEqualTo("stop");
        assertThat(StopReason.LENGTH.wireName()).isEqualTo("length");
    }
}
