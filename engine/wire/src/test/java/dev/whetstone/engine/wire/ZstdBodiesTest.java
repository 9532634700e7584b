package dev.whetstone.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZstdBodiesTest {

    @Test
    void aCompressedBodyComesBackWhole() {
        byte[] plain = "forward_backward ".repeat(1000).getBytes(StandardCharsets.UTF_8);

        byte[] compressed = ZstdBodies.compress(plain);

        assertThat(compressed.length).isLessThan(plain.length / 10);
        assertThat(ZstdBodies.decompress(compressed, plain.length)).isEqualTo(plain);
    }

    @Test
    void aBombIsStoppedAtTheLimit() {
        byte[] compressed = ZstdBodies.compress(new byte[1 << 20]);

        assertThatThrownBy(() -> ZstdBodies.decompress(compressed, 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("more than 1000 bytes");
    }

    @Test
    void garbageIsNotZstd() {
        assertThatThrownBy(() -> ZstdBodies.decompress("not zstd".getBytes(StandardCharsets.UTF_8), 1000))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("not a valid zstd frame");
    }
}
