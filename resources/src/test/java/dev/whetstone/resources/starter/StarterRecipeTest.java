package dev.whetstone.resources.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped starter is what the recipe produces: its weights match the MANIFEST, the generator reproduces the
 * recipe's inputs bit for bit, and the recipe's first steps reproduce the recorded losses. The full recipe
 * (about 10 minutes on 2 busy cores) is not rerun here; see resources/README.md.
 */
class StarterRecipeTest {
    private static final StarterManifest MANIFEST = StarterKit.manifest();

    @Test
    void shippedWeightsHaveTheManifestsSha256(@TempDir Path dir) throws IOException {
        Path model = StarterKit.installModel(dir);
        assertThat(StarterManifest.sha256(model.resolve("model.safetensors")))
                .isEqualTo(MANIFEST.get("model.safetensors.sha256"));
        assertThat(Files.size(model.resolve("model.safetensors"))).isLessThan(30L << 20);
    }

    @Test
    void generatorReproducesTheRecipesTokenizerCorpusAndInitialWeights(@TempDir Path dir) throws IOException {
        StarterRecipe.Inputs inputs = StarterRecipe.shipped().prepare(dir);
        assertThat(StarterManifest.sha256(inputs.initialModel().resolve("model.safetensors")))
                .isEqualTo(MANIFEST.get("initial.model.safetensors.sha256"));
        assertThat(StarterManifest.sha256(inputs.corpus())).isEqualTo(MANIFEST.get("corpus.jsonl.sha256"));
        assertThat(StarterManifest.sha256(inputs.initialModel().resolve("tokenizer.json")))
                .isEqualTo(MANIFEST.get("tokenizer.json.sha256"));
    }

    @Test
    void recipesFirstStepsReproduceTheRecordedLosses(@TempDir Path dir) throws IOException {
        StarterRecipe.shipped().withSteps(StarterManifest.FIRST_STEPS).pretrain(dir);
        List<String> losses = StarterManifest.firstLosses(
                dir.resolve("home/runs").resolve(StarterRecipe.RUN_ID).resolve("metrics.jsonl"), StarterManifest.FIRST_STEPS);
        double[] recorded = Arrays.stream(MANIFEST.get("first.losses").split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(losses).hasSize(recorded.length);
        for (int i = 0; i < recorded.length; i++) {
            assertThat(Double.parseDouble(losses.get(i))).as("loss of step %d", i + 1).isCloseTo(recorded[i], within(1e-4));
        }
    }

    @Test
    void shippedDatasetsAreWhatTheGeneratorWrites(@TempDir Path dir) throws IOException {
        StarterBuild.writeDatasets(dir);
        for (StarterSkill skill : StarterSkill.values()) {
            for (String split : List.of("train.jsonl", "heldout.jsonl")) {
                String resource = "/starter/datasets/" + skill.folder() + "/" + split;
                try (InputStream shipped = StarterRecipeTest.class.getResourceAsStream(resource)) {
                    assertThat(shipped).as(resource).isNotNull();
                    assertThat(shipped.readAllBytes()).as(resource)
                            .isEqualTo(Files.readAllBytes(dir.resolve(skill.folder()).resolve(split)));
                }
            }
        }
    }

    @Test
    void tokenizerSplitsWordsPunctuationAndSingleDigits(@TempDir Path dir) throws IOException {
        StarterTokenizerFiles.write(dir, 256);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir, "starter")) {
            int[] ids = tokenizer.encode("<|im_start|>user\nwhat is 12 plus 3?<|im_end|>");
            List<String> tokens = Arrays.stream(ids).mapToObj(tokenizer::idToToken).toList();
            assertThat(tokens).containsExactly("<|im_start|>", "user", "what", "is", "1", "2", "plus", "3", "?", "<|im_end|>");
            assertThat(tokenizer.eosTokenIds()).containsExactly(StarterVocabulary.ids().get(StarterVocabulary.IM_END));
        }
    }
}
