package dev.whetstone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesMetadataFirstThenSortedTensorsWithSpacePaddingToEightBytes() throws IOException {
        Path file = dir.resolve("a.safetensors");
        SafetensorsWriter.write(file, Map.of(
                "b", new FloatTensor(new float[] {1, 2}, new long[] {2}),
                "a", new FloatTensor(new float[] {3}, new long[] {1, 1})), Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);

        assertThat(n % 8).isZero();
        assertThat(header.stripTrailing()).isEqualTo("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}");
        assertThat(header.substring(header.stripTrailing().length())).matches(" *");
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) n, 12).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {data.getFloat(0), data.getFloat(4), data.getFloat(8)}).containsExactly(3, 1, 2);
    }

    @Test
    void writesBf16RoundedToNearestEven() throws IOException {
        Path file = dir.resolve("b.safetensors");
        SafetensorsWriter.writeBf16(file, Map.of("x", new FloatTensor(
                new float[] {1f + 0x1p-8f, 1f + 3 * 0x1p-8f}, new long[] {2})), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(new String(bytes, 8, n, StandardCharsets.UTF_8)).startsWith("{\"x\":{\"dtype\":\"BF16\"");
        assertThat(RawSafetensors.shortsOf(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 8 + n, bytes.length))
                .order(ByteOrder.LITTLE_ENDIAN))).containsExactly(0x3f80, 0x3f82);
    }

    @Test
    void floatTensorRejectsAShapeThatDoesNotMatchItsData() {
        assertThatThrownBy(() -> new FloatTensor(new float[5], new long[] {2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3] holds 6 values but data has 5");
        assertThatThrownBy(() -> new FloatTensor(new float[0], new long[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floatTensorCopiesItsArrays() {
        float[] data = {1, 2};
        FloatTensor t = new FloatTensor(data, new long[] {2});
        data[0] = 9;
        t.data()[1] = 9;
        assertThat(t.data()).containsExactly(1, 2);
    }
}
