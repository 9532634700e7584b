package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input files a run card fingerprints, and what a resume finds changed. */
class RunInputsTest {
    /** SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
    private static final String SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;
    private Path model;
    private Path data;
    private TrainingConfig config;

    @BeforeEach
    void files() throws IOException {
        model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"qwen3\"}");
        Files.writeString(model.resolve("tokenizer.json"), "{\"model\": {}}");
        Files.writeString(model.resolve("tokenizer_config.json"), "{\"chat_template\": \"abc\", \"eos_token\": \"</s>\"}");
        Files.writeString(model.resolve("model.safetensors"), "weights");
        data = Files.writeString(dir.resolve("chat.jsonl"), "abc");
        Path heldout = Files.writeString(dir.resolve("heldout.jsonl"), "held");
        config = TrainingConfig.defaults(model.toString(), data.toString()).withEvalExactMatchFile(heldout.toString());
    }

    @Test
    void aRunCardFingerprintsTheDataTemplateTokenizerConfigAndWeights() {
        List<RunInput> inputs = RunInputs.of(config, model);
        assertThat(inputs).extracting(RunInput::role).containsExactly(RunInput.Role.DATASET, RunInput.Role.EXACT_MATCH_FILE,
                RunInput.Role.CHAT_TEMPLATE, RunInput.Role.TOKENIZER, RunInput.Role.MODEL_CONFIG, RunInput.Role.WEIGHTS);
        assertThat(inputs.get(0)).isEqualTo(new RunInput(RunInput.Role.DATASET, data.toAbsolutePath().toString(), SHA_ABC));
        // the template text inside tokenizer_config.json, not the whole file (its other fields do not change the template)
        assertThat(inputs.get(2)).isEqualTo(new RunInput(RunInput.Role.CHAT_TEMPLATE,
                model.resolve("tokenizer_config.json").toAbsolutePath().toString(), SHA_ABC));
        assertThat(inputs.get(5).path()).endsWith("model.safetensors");
    }

    @Test
    void aShardedModelIsFingerprintedByItsIndexAndAJinjaTemplateWins() throws IOException {
        Files.delete(model.resolve("model.safetensors"));
        Files.writeString(model.resolve("model.safetensors.index.json"), "{\"weight_map\": {}}");
        Files.writeString(model.resolve("model-00001-of-00002.safetensors"), "shard");
        Files.writeString(model.resolve("chat_template.jinja"), "abc");
        List<RunInput> inputs = RunInputs.of(config, model);
        assertThat(inputs).extracting(RunInput::role).contains(RunInput.Role.WEIGHT_INDEX).doesNotContain(RunInput.Role.WEIGHTS);
        assertThat(inputs).filteredOn(i -> i.role() == RunInput.Role.CHAT_TEMPLATE).singleElement()
                .extracting(RunInput::path).asString().endsWith("chat_template.jinja");
    }

    @Test
    void aModelThatIsNotOnThisMachineLeavesOnlyTheDataFiles() {
        assertThat(RunInputs.of(config, null)).extracting(RunInput::role)
                .containsExactly(RunInput.Role.DATASET, RunInput.Role.EXACT_MATCH_FILE);
    }

    @Test
    void aChangedOrMissingInputIsNamedAndTheRestAreNot() throws IOException {
        List<RunInput> recorded = RunInputs.of(config, model);
        assertThat(RunInputs.changes(recorded, RunInputs.of(config, model))).isEmpty();

        Files.writeString(data, "abd");
        Files.delete(model.resolve("tokenizer.json"));
        List<InputChange> changes = RunInputs.changes(recorded, RunInputs.of(config, model));
        assertThat(changes).extracting(c -> c.recorded().role()).containsExactly(RunInput.Role.DATASET, RunInput.Role.TOKENIZER);
        assertThat(changes.get(0).message()).isEqualTo("the dataset " + data.toAbsolutePath()
                + " changed since the run began (sha256 ba7816bf → " + RunInputs.sha256(data).substring(0, 8) + ")");
        assertThat(changes.get(1).currentSha256()).isNull();
        assertThat(changes.get(1).message()).endsWith("tokenizer.json is gone since the run began");
    }
}
