package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.SafetensorsFile;
import dev.whetstone.engine.model.SafetensorsWriter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose vocabulary has more rows than its tokenizer has ids (as many real models pad theirs to a
 * multiple of 64 or 128): {@code sample} at temperature 1 picks those ids and shows them as unknown, never an error.
 */
class SampleUnknownTokenTest {
    private static final Path TIED = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model").toAbsolutePath().normalize();
    private static final int TOKENIZER_IDS = 128;
    private static final int MODEL_ROWS = 192;

    @Test
    void sampledIdsPastTheTokenizersLastIdShowAsUnknown(@TempDir Path dir) throws IOException {
        Path model = paddedModel(dir.resolve("padded"));
        CommandRun sample = CommandRun.of("sample", "--model", model.toString(), "--prompt", "w1 w2", "--max-tokens", "8",
                "--num-samples", "6", "--temperature", "1", "--seed", "1", "--home", dir.resolve("home").toString(),
                "--device", "cpu");
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out()).containsPattern("\\[unknown id 1[2-9]\\d\\]");
        assertThat(sample.err()).contains("sampled token(s) are ids the tokenizer has no token for");
    }

    /** The tiny tied Qwen3 model with rows 128..191 appended to its embedding (copies of rows 0..63, so they get sampled). */
    private static Path paddedModel(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(TIED.resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
        Files.copy(TIED.resolve("tokenizer_config.json"), folder.resolve("tokenizer_config.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(TIED.resolve("config.json").toFile());
        config.put("vocab_size", MODEL_ROWS);
        json.writeValue(folder.resolve("config.json").toFile(), config);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        try (SafetensorsFile weights = SafetensorsFile.open(TIED.resolve("model.safetensors"))) {
            for (String name : weights.tensors().keySet()) {
                long[] shape = weights.info(name).shape();
                FloatBuffer values = weights.float32(name).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] data = new float[values.remaining()];
                values.get(data);
                if (name.equals("model.embed_tokens.weight")) {
                    int hidden = (int) shape[1];
                    float[] padded = java.util.Arrays.copyOf(data, MODEL_ROWS * hidden);
                    System.arraycopy(data, 0, padded, TOKENIZER_IDS * hidden, (MODEL_ROWS - TOKENIZER_IDS) * hidden);
                    data = padded;
                    shape = new long[] {MODEL_ROWS, hidden};
                }
                tensors.put(name, new FloatTensor(data, shape));
            }
        }
        SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        return folder;
    }
}
