package dev.whetstone.engine.model;

import static dev.whetstone.engine.model.RawSafetensors.intsOf;
import static dev.whetstone.engine.model.RawSafetensors.shorts;
import static dev.whetstone.engine.model.RawSafetensors.shortsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    private Path writeF32(String name, float[] data, long... shape) {
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(file, Map.of(name, new FloatTensor(data, shape)), Map.of("format", "pt"));
        return file;
    }

    @Test
    void readsWhatTheWriterWroteAsF32ZeroCopy() {
        float[] values = {1.5f, -2f, 0f, Float.MIN_VALUE, 3e38f, -0.0f};
        Path file = writeF32("a.weight", values, 2, 3);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorInfo info = f.info("a.weight");
            assertThat(info.dtype()).isEqualTo(SafeDType.F32);
            assertThat(info.shape()).containsExactly(2, 3);
            assertThat(info.byteLength()).isEqualTo(24);
            assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));

            ByteBuffer b = f.float32("a.weight");
            assertThat(b.isDirect()).isTrue();
            assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.position()).isZero();
            assertThat(b.remaining()).isEqualTo(24);
            for (int i = 0; i < values.length; i++) {
                assertThat(Float.floatToRawIntBits(b.getFloat(i * 4))).isEqualTo(Float.floatToRawIntBits(values[i]));
            }
        }
    }

    @Test
    void f32IsAMappingOfTheFileNotACopy() throws IOException {
        Path file = writeF32("a", new float[] {1, 2}, 2);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            ByteBuffer b = f.float32("a");
            overwriteFirstFloat(file, 5f);
            // an untouched page of a private mapping shows the page cache, so the change shows through
            assertThat(b.getFloat(0)).isEqualTo(5f);
        }
    }

    private static void overwriteFirstFloat(Path file, float value) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file, false);
                FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value);
            ch.write(bytes, f.info("a").dataOffset());
        }
    }

    @Test
    void writingToAnF32BufferLeavesTheFileUnchanged() throws IOException {
        Path file = writeF32("a", new float[] {1, 2}, 2);
        byte[] before = Files.readAllBytes(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.float32("a").putFloat(0, 42f); // copy-on-write: in-place ops are safe
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void readOnlyFileStillLoads() throws IOException {
        Path file = writeF32("a", new float[] {1, 2}, 2);
        assertThat(file.toFile().setWritable(false)).isTrue();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.float32("a").getFloat(4)).isEqualTo(2f);
        } finally {
            file.toFile().setWritable(true);
        }
    }

    @Test
    void withoutAPrivateMappingF32IsAWritableDirectCopy() throws IOException {
        Path file = writeF32("a", new float[] {1, 2}, 2);
        try (SafetensorsFile f = SafetensorsFile.open(file, false)) {
            ByteBuffer b = f.float32("a");
            overwriteFirstFloat(file, 5f);
            assertThat(b.getFloat(0)).isEqualTo(1f); // a copy does not see the file change
            assertThat(b.isDirect()).isTrue();
            assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.position()).isZero();
            assertThat(b.remaining()).isEqualTo(8);
            assertThat(b.getFloat(4)).isEqualTo(2f);
            b.putFloat(0, 7f);
            assertThat(f.float32("a").getFloat(0)).isEqualTo(5f); // the file holds what was written to it
        }
    }

    @Test
    void widensBf16WrittenByTheWriterExactly() {
        float[] values = {1f, -2.5f, 0.15625f, Float.POSITIVE_INFINITY};
        Path file = dir.resolve("bf.safetensors");
        SafetensorsWriter.writeBf16(file, Map.of("x", new FloatTensor(values, new long[] {4})), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.info("x").dtype()).isEqualTo(SafeDType.BF16);
            ByteBuffer b = f.float32("x");
            assertThat(b.isDirect()).isTrue();
            assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(new float[] {b.getFloat(0), b.getFloat(4), b.getFloat(8), b.getFloat(12)})
                    .containsExactly(values);
        }
    }

    @Test
    void widensHandBuiltBf16BitPatterns() throws IOException {
        int[] bits = {0x3f80, 0x8000, 0x0001, 0x7f80, 0xff80, 0x7fc0, 0xc0490fdb >>> 16};
        String header = "{\"t\":{\"dtype\":\"BF16\",\"shape\":[7],\"data_offsets\":[0,14]}}";
        Path file = RawSafetensors.write(dir.resolve("raw.safetensors"), header, shorts(bits));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(intsOf(f.float32("t"))).containsExactly(
                    0x3f800000, 0x80000000, 0x00010000, 0x7f800000, 0xff800000, 0x7fc00000, 0xc0490000);
        }
    }

    @Test
    void widensHandBuiltF16BitPatternsIncludingSubnormalsInfAndNaN() throws IOException {
        int[] bits = {0x3c00, 0x8000, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x7e00, 0x7bff};
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,4],\"data_offsets\":[0,16]}}";
        Path file = RawSafetensors.write(dir.resolve("raw.safetensors"), header, shorts(bits));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.tensors()).containsOnlyKeys("h");
            assertThat(intsOf(f.float32("h"))).containsExactly(
                    0x3f800000, 0x80000000, Float.floatToIntBits(0x1p-24f), Float.floatToIntBits(1023 * 0x1p-24f),
                    0x7f800000, 0xff800000, 0x7fc00000, Float.floatToIntBits(65504f));
            assertThat(shortsOf(f.float16("h"))).containsExactly(bits); // F16 as stored
        }
    }

    @Test
    void readsTensorsAtTheirOffsetsInAHandBuiltFile() throws IOException {
        // data: [b: 2 x F32][a: 1 x F16 + 2 pad bytes unused]; header has spaces as padding
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[8,10]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}   ";
        byte[] data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(3f).putFloat(-4f).putShort((short) 0xc000).array();
        Path file = RawSafetensors.write(dir.resolve("raw.safetensors"), header, data);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.info("a").dataOffset()).isEqualTo(8 + header.length() + 8);
            assertThat(f.float32("b").getFloat(4)).isEqualTo(-4f);
            assertThat(f.float32("a").getFloat(0)).isEqualTo(-2f);
            assertThat(shortsOf(f.float16("b"))).containsExactly(0x4200, 0xc400);
        }
    }

    @Test
    void narrowsF32AndBf16ToF16() {
        Path file = writeF32("x", new float[] {1f + 0x1p-11f, 65504f, 0x1p-24f, -0.0f}, 4);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(shortsOf(f.float16("x"))).containsExactly(0x3c00, 0x7bff, 0x0001, 0x8000);
        }
        Path bf = dir.resolve("bf.safetensors");
        SafetensorsWriter.writeBf16(bf, Map.of("y", new FloatTensor(new float[] {1f, -2f}, new long[] {2})), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(bf)) {
            assertThat(shortsOf(f.float16("y"))).containsExactly(0x3c00, 0xc000);
        }
    }

    @Test
    void aFiniteValueBeyondFloat16IsRefusedInsteadOfBecomingInfinite() {
        Path file = writeF32("x", new float[] {1f, 65520f, Float.POSITIVE_INFINITY}, 3);   // 65520 rounds to infinity
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> f.float16("x")).isInstanceOf(dev.whetstone.engine.Float16OverflowException.class)
                    .hasMessageContaining("'x'").hasMessageContaining("65520").hasMessageContaining("65504");
        }
    }

    @Test
    void readsScalarsAndEmptyTensors() throws IOException {
        String header = "{\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[4,4]}}";
        Path file = RawSafetensors.write(dir.resolve("raw.safetensors"), header, RawSafetensors.ints(0x40490fdb));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.float32("s").getFloat(0)).isEqualTo(Float.intBitsToFloat(0x40490fdb));
            assertThat(f.float32("e").remaining()).isZero();
        }
    }

    @Test
    void refusesIntegerTensorsAsFloats() throws IOException {
        String header = "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        Path file = RawSafetensors.write(dir.resolve("ids.safetensors"), header, new byte[8]);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.info("ids").dtype()).isEqualTo(SafeDType.I64);
            assertThatThrownBy(() -> f.float32("ids")).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("'ids' is I64")
                    .hasMessageContaining("F32, F16 or BF16");
        }
    }

    @Test
    void missingTensorNamesTheTensorAndFile() {
        Path file = writeF32("a", new float[] {1}, 1);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> f.float32("b")).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("'b'");
        }
    }

    @Test
    void missingFileIsAModelFormatException() {
        Path file = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void fileShorterThanTheLengthFieldIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});
        assertGarbled(file, "shorter than the 8-byte header length");
    }

    @Test
    void headerLengthBeyondTheFileIsRejected() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("long.safetensors"), 1000, "{}", new byte[0]);
        assertGarbled(file, "declares a header of 1000 bytes but the file is 10 bytes");
    }

    @Test
    void negativeHeaderLengthIsRejected() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("neg.safetensors"), -1, "{}", new byte[0]);
        assertGarbled(file, "declares a header of 18446744073709551615 bytes");
    }

    @Test
    void truncatedHeaderJsonIsRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_off";
        Path file = RawSafetensors.write(dir.resolve("cut.safetensors"), header, new byte[0]);
        assertGarbled(file, "not valid JSON");
    }

    @Test
    void offsetsPastTheEndOfTheFileAreRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        Path file = RawSafetensors.write(dir.resolve("trunc.safetensors"), header, new byte[8]);
        assertGarbled(file, "tensor 'a' has data_offsets [0,16] outside the 8 data bytes");
    }

    @Test
    void reversedOffsetsAreRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}";
        Path file = RawSafetensors.write(dir.resolve("rev.safetensors"), header, new byte[8]);
        assertGarbled(file, "data_offsets [8,4]");
    }

    @Test
    void byteCountDisagreeingWithShapeIsRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        Path file = RawSafetensors.write(dir.resolve("mismatch.safetensors"), header, new byte[8]);
        assertGarbled(file, "tensor 'a' has 8 data bytes but BF16 [3] needs 6");
    }

    @Test
    void unknownDtypeIsRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        Path file = RawSafetensors.write(dir.resolve("q.safetensors"), header, new byte[1]);
        assertGarbled(file, "dtype \"Q4\"");
    }

    @Test
    void badShapeIsRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}";
        Path file = RawSafetensors.write(dir.resolve("s.safetensors"), header, new byte[4]);
        assertGarbled(file, "shape [-1]");
    }

    @Test
    void headerThatIsNotAnObjectIsRejected() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("arr.safetensors"), "[1,2]", new byte[0]);
        assertGarbled(file, "not a JSON object");
    }

    private static void assertGarbled(Path file, String detail) {
        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(detail)
                .hasMessageContaining("download it again");
    }
}
