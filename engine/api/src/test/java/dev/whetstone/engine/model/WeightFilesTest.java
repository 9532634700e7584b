package dev.whetstone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {

    @TempDir
    Path dir;

    private static FloatTensor vector(float... values) {
        return new FloatTensor(values, new long[] {values.length});
    }

    private void writeShards() throws IOException {
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"),
                Map.of("model.embed_tokens.weight", new FloatTensor(new float[] {1, 2, 3, 4, 5, 6}, new long[] {3, 2})),
                Map.of("format", "pt"));
        SafetensorsWriter.writeBf16(dir.resolve("model-00002-of-00002.safetensors"),
                Map.of("model.norm.weight", vector(0.5f, -1f)), Map.of("format", "pt"));
        Files.writeString(dir.resolve(WeightFiles.INDEX), """
                {"metadata": {"total_size": 28},
                 "weight_map": {
                   "model.embed_tokens.weight": "model-00001-of-00002.safetensors",
                   "model.norm.weight": "model-00002-of-00002.safetensors"}}
                """);
    }

    @Test
    void loadsTheSingleModelFile() {
        SafetensorsWriter.write(dir.resolve(WeightFiles.SINGLE), Map.of("a", vector(1, 2)), Map.of());
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertThat(w.names()).containsExactly("a");
            assertThat(w.contains("a")).isTrue();
            assertThat(w.float32("a", 2).getFloat(4)).isEqualTo(2f);
        }
    }

    @Test
    void loadsShardsThroughTheIndex() throws IOException {
        writeShards();
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertThat(w.names()).containsExactly("model.embed_tokens.weight", "model.norm.weight");
            assertThat(w.info("model.norm.weight").file().getFileName().toString())
                    .isEqualTo("model-00002-of-00002.safetensors");
            assertThat(w.float32("model.embed_tokens.weight", 3, 2).getFloat(20)).isEqualTo(6f);
            assertThat(w.float32("model.norm.weight", 2).getFloat(4)).isEqualTo(-1f);
            assertThat(RawSafetensors.shortsOf(w.float16("model.norm.weight", 2))).containsExactly(0x3800, 0xbc00);
            assertThat(w.files()).hasSize(2);
        }
    }

    @Test
    void missingShardIsNamed() throws IOException {
        writeShards();
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        assertThatThrownBy(() -> WeightFiles.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(WeightFiles.INDEX)
                .hasMessageContaining("model-00002-of-00002.safetensors")
                .hasMessageContaining("does not exist");
    }

    @Test
    void indexEntryAbsentFromItsShardIsNamed() throws IOException {
        writeShards();
        Files.writeString(dir.resolve(WeightFiles.INDEX),
                "{\"weight_map\": {\"lm_head.weight\": \"model-00001-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> WeightFiles.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'lm_head.weight'").hasMessageContaining("model-00001-of-00002.safetensors");
    }

    @Test
    void indexWithoutWeightMapIsRejected() throws IOException {
        Files.writeString(dir.resolve(WeightFiles.INDEX), "{\"metadata\": {}}");
        assertThatThrownBy(() -> WeightFiles.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("field 'weight_map' is missing");
    }

    @Test
    void loadsALoneSafetensorsFileOfAnyName() {
        SafetensorsWriter.write(dir.resolve("consolidated.safetensors"), Map.of("a", vector(1)), Map.of());
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertThat(w.names()).containsExactly("a");
        }
    }

    @Test
    void folderWithoutWeightsListsWhatWasLookedFor() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin"), "x");
        assertThatThrownBy(() -> WeightFiles.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining(WeightFiles.SINGLE).hasMessageContaining(WeightFiles.INDEX)
                .hasMessageContaining("*.safetensors");
    }

    @Test
    void shapeMismatchNamesFileTensorAndBothShapes() {
        SafetensorsWriter.write(dir.resolve(WeightFiles.SINGLE),
                Map.of("w", new FloatTensor(new float[6], new long[] {2, 3})), Map.of());
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertThatThrownBy(() -> w.float32("w", 3, 2)).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(dir.resolve(WeightFiles.SINGLE).toString())
                    .hasMessageContaining("'w' has shape [2, 3]").hasMessageContaining("[3, 2]");
            assertThatThrownBy(() -> w.float16("w", 6)).isInstanceOf(ModelFormatException.class);
        }
    }

    @Test
    void missingTensorNamesTheTensorAndTheFilesSearched() throws IOException {
        writeShards();
        try (WeightFiles w = WeightFiles.open(dir)) {
            assertThatThrownBy(() -> w.float32("lm_head.weight", 3, 2)).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("'lm_head.weight'")
                    .hasMessageContaining("model-00001-of-00002.safetensors, model-00002-of-00002.safetensors");
        }
    }

    @Test
    void garbledShardNamesTheShard() throws IOException {
        writeShards();
        Path bad = dir.resolve("model-00002-of-00002.safetensors");
        Files.write(bad, new byte[] {1, 2});
        assertThatThrownBy(() -> WeightFiles.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(bad.toString());
    }
}
