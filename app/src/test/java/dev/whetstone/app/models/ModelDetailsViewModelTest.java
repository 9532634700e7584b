package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.ServerCapabilities;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class ModelDetailsViewModelTest {
    private final SimpleObjectProperty<ModelEntry> selected = new SimpleObjectProperty<>();
    private final ModelDetailsViewModel details = new ModelDetailsViewModel(selected);
    private final ModelEntry golden = ModelEntry.read("tiny", GoldenModel.FOLDER, ModelSource.LOCAL_FOLDER);

    @Test
    void nothingSelectedShowsDashes() {
        assertThat(details.title().get()).isEqualTo("No model selected");
        assertThat(details.estimate().get()).isEqualTo("—");
        assertThat(details.usable().get()).isFalse();
    }

    @Test
    void showsTheSelectedModelsFacts() {
        selected.set(golden);
        assertThat(details.architecture().get()).isEqualTo("Qwen3ForCausalLM");
        assertThat(details.parameters().get()).startsWith("28.9 K");
        assertThat(details.contextLength().get()).isEqualTo("128 tokens");
        assertThat(details.layers().get()).startsWith("2 layers");
        assertThat(details.estimate().get()).startsWith("≈ ");
        assertThat(details.breakdown().get()).contains("float32").contains("LoRA").contains("activations")
                .contains("longer than the model's context");
    }

    @Test
    void theEstimateFollowsTheSettings() {
        selected.set(golden);
        details.setSequenceLength(64);
        String at32 = details.estimate().get();
        details.setRank(8);
        details.setBatchSize(2);
        LoraMemoryEstimate expected = LoraMemoryEstimate.of(golden.config(), new LoraSettings(8, 2, 64), 4);
        assertThat(details.estimate().get()).isNotEqualTo(at32)
                .isEqualTo("≈ " + dev.whetstone.app.fx.Units.bytes(expected.totalBytes()));
    }

    @Test
    void outOfRangeSettingsAreRefusedWithTheRange() {
        details.setRank(0);
        assertThat(details.settingsProblem().get()).isEqualTo("rank must be 1 to 512, was 0");
        assertThat(details.settings().rank()).isEqualTo(32);
        details.setRank(16);
        assertThat(details.settingsProblem().get()).isEmpty();
    }

    @Test
    void aBrokenModelShowsItsProblem() {
        selected.set(ModelEntry.read("gone", Path.of("/nonexistent/model"), ModelSource.LOCAL_FOLDER));
        assertThat(details.problem().get()).contains("is not a folder");
        assertThat(details.estimate().get()).isEqualTo("—");
    }

    @Test
    void onCudaTheWeightsAreCountedInFloat16() {
        selected.set(golden);
        details.followDevice(InlineExecutor.background(),
                CompletableFuture.completedFuture(new ServerCapabilities(List.of(), "cuda:0 (auto)", "cu128", 0)));
        assertThat(details.breakdown().get()).contains("float16");
    }
}
