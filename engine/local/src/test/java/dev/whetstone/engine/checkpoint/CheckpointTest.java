package dev.whetstone.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.WorkbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** saveState / loadState / resume / export / merge on the golden tiny models. */
class CheckpointTest {
    private static final AdamParams ADAM = AdamParams.defaults().withLearningRate(5e-3).withWeightDecay(0.01).withGradClipNorm(5);
    @TempDir
    Path home;

    private ServiceClient service() {
        return ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }

    private static List<Double> train(TrainingClient client, List<Datum> data, int steps) {
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            var fb = client.forwardBackward(data, LossFn.CROSS_ENTROPY);
            var opt = client.optimStep(ADAM);
            losses.add(fb.join().metrics().get("loss:sum"));
            opt.join();
        }
        return losses;
    }

    @Test
    void resumingWithTheOptimizerInANewEngineContinuesBitForBit() {
        Fixture golden = Fixture.load("qwen3_tied");
        List<Double> continued;
        String path;
        try (ServiceClient service = service();
             TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(8).withSeed(3L))) {
            train(client, golden.datums(), 10);
            path = client.saveState("step10").join().path();
            continued = train(client, golden.datums(), 10);
        }
        assertThat(path).matches("tinker://run-[0-9-]+-[0-9a-f]+/weights/step10");
        try (ServiceClient fresh = service();
             TrainingClient resumed = fresh.createTrainingClientFromStateWithOptimizer(path)) {
            assertThat(resumed.getInfo().join().modelId()).isNotEqualTo(path.split("/")[2]);
            assertThat(train(resumed, golden.datums(), 10)).containsExactlyElementsOf(continued);
        }
    }

    @Test
    void loadStateRestoresWeightsOnlyAndResetsAdam() {
        Fixture golden = Fixture.load("qwen2_bias");
        try (ServiceClient service = service();
             TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(4).withSeed(1L))) {
            train(client, golden.datums(), 5);
            String path = client.saveState("s5").join().path();
            double lossAtSave = client.forward(golden.datums(), LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
            try (TrainingClient weightsOnly = service.createTrainingClientFromState(path)) {
                ForwardBackwardOutput out = weightsOnly.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
                assertThat(out.metrics().get("loss:sum")).isEqualTo(lossAtSave);
                weightsOnly.forwardBackward(golden.datums(), LossFn.CROSS_ENTROPY).join();
                assertThat(weightsOnly.optimStep(ADAM).join().metrics().get("step:max")).isEqualTo(1.0);
            }
            client.loadStateWithOptimizer(path).join();
            client.forwardBackward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            assertThat(client.optimStep(ADAM).join().metrics().get("step:max")).isEqualTo(6.0);
        }
    }

    @Test
    void badNamesAreRefusedAtCallTimeAndExistingNamesNeedOverwrite() {
        Fixture golden = Fixture.load("mistral");
        try (ServiceClient service = service();
             TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(2))) {
            for (String bad : List.of("", ".", "..", "../escape", "a/b", "-lead", "x".repeat(129))) {
                assertThatThrownBy(() -> client.saveState(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
            }
            client.saveState("same").join();
            assertThatThrownBy(() -> client.saveState("same").join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(WorkbenchException.class).hasMessageContaining("already exists")
                    .hasMessageContaining("overwrite");
            assertThat(client.saveState("same", null, true).join().path()).endsWith("/weights/same");
            assertThat(client.saveWeightsForSampler("same").join().path()).endsWith("/sampler_weights/same");
        }
    }

    @Test
    void unknownRunsAndNamesFailWithTheirPath() {
        Fixture golden = Fixture.load("mistral");
        try (ServiceClient service = service();
             TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(2))) {
            String runId = client.getInfo().join().modelId();
            assertThatThrownBy(() -> client.loadState("tinker://no-such-run/weights/x").join())
                    .hasCauseInstanceOf(CheckpointNotFoundException.class).hasMessageContaining("tinker://no-such-run/weights/x")
                    .hasMessageContaining("no run 'no-such-run'");
            assertThatThrownBy(() -> client.loadState("tinker://" + runId + "/weights/missing").join())
                    .hasCauseInstanceOf(CheckpointNotFoundException.class).hasMessageContaining("named 'missing'");
            assertThatThrownBy(() -> client.loadState("tinker://" + runId + "/checkpoints/x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights' or 'sampler_weights'");
            assertThatThrownBy(() -> service.createTrainingClientFromState("tinker://nope/weights/x"))
                    .isInstanceOf(CheckpointNotFoundException.class);
            // the client still works
            assertThat(client.forward(golden.datums(), LossFn.CROSS_ENTROPY).join().metrics()).containsKey("loss:sum");
        }
    }

    @Test
    void theStoreListsRunsAndCheckpointsAndSweepsExpiredOnesNotInUse() throws Exception {
        Fixture golden = Fixture.load("qwen3_tied");
        try (ServiceClient service = service();
             TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(2))) {
            String runId = client.getInfo().join().modelId();
            client.saveState("keep").join();
            String expiring = client.saveWeightsForSampler("expiring", Duration.ofNanos(1)).join().path();
            String leased = client.saveWeightsForSampler("leased", Duration.ofNanos(1)).join().path();
            assertThat(service.checkpoints().listRuns()).extracting(r -> r.trainingRunId()).contains(runId);
            List<Checkpoint> listed = service.checkpoints().listCheckpoints(runId);
            assertThat(listed).extracting(Checkpoint::checkpointId)
                    .containsExactlyInAnyOrder("weights/keep", "sampler_weights/expiring", "sampler_weights/leased");
            assertThat(listed).allSatisfy(c -> assertThat(c.sizeBytes()).isPositive());
            LocalCheckpointStore store = (LocalCheckpointStore) service.checkpoints();
            try (AutoCloseable lease = store.lease(TinkerPath.parse(leased))) {
                assertThat(store.sweepExpired()).containsExactly(expiring);
            }
            assertThat(store.sweepExpired()).containsExactly(leased);
            String keep = "tinker://" + runId + "/weights/keep";
            service.checkpoints().setTtl(keep, Duration.ofDays(7));
            assertThat(service.checkpoints().listCheckpoints(runId).get(0).expiresAt()).isNotNull();
            service.checkpoints().setTtl(keep, null);
            assertThat(service.checkpoints().listCheckpoints(runId).get(0).expiresAt()).isNull();
            service.checkpoints().delete(keep);
            assertThat(service.checkpoints().listCheckpoints(runId)).isEmpty();
        }
    }

    @Test
    void anExportedPeftAdapterReimportsWithIdenticalLogprobsAndTheTarHasTinkersLayout() throws IOException {
        Fixture golden = Fixture.load("llama3_rope_scaling");
        try (ServiceClient service = service();
             TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(4).withSeed(11L))) {
            train(client, golden.datums(), 3);
            String path = client.saveWeightsForSampler("final").join().path();
            ForwardBackwardOutput trained = client.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
            Path peft = service.checkpoints().exportPeft(path, home.resolve("export/peft")).join();
            assertThat(peft.resolve("adapter_config.json")).content().contains("\"peft_type\" : \"LORA\"")
                    .contains("\"task_type\" : \"CAUSAL_LM\"").contains("\"r\" : 4").contains("\"lora_alpha\"")
                    .contains("\"target_modules\"").contains("\"base_model_name_or_path\"");
            try (TrainingClient other = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(4))) {
                other.loadState(peft.toString()).join();
                ForwardBackwardOutput reimported = other.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
                for (int i = 0; i < golden.datums().size(); i++) {
                    assertThat(reimported.lossFnOutputs().get(i).get("logprobs").floats())
                            .containsExactly(trained.lossFnOutputs().get(i).get("logprobs").floats());
                }
            }
            Path tar = service.checkpoints().exportTar(path, home.resolve("export/adapter.tar")).join();
            List<String> entries = new ArrayList<>();
            try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = archive.getNextEntry(); e != null; e = archive.getNextEntry()) {
                    entries.add(e.getName());
                }
            }
            assertThat(entries).containsExactlyInAnyOrder("adapter_model.safetensors", "adapter_config.json", "checkpoint_complete");
        }
    }

    @Test
    void aMergedModelGivesTheAdapterModelsLogprobs() {
        for (String name : List.of("qwen3_tied", "qwen3_untied_bf16_sharded")) {
            Fixture golden = Fixture.load(name);
            try (ServiceClient service = service();
                 TrainingClient client = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(4))) {
                client.loadState(golden.adapter()).join();
                ForwardBackwardOutput withAdapter = client.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
                String path = client.saveWeightsForSampler("merge-me").join().path();
                Path merged = service.checkpoints().merge(path, home.resolve("merged-" + name)).join();
                try (TrainingClient base = service.createLoraTrainingClient(merged.toString(), LoraConfig.ofRank(4))) {
                    ForwardBackwardOutput out = base.forward(golden.datums(), LossFn.CROSS_ENTROPY).join();
                    for (int i = 0; i < golden.datums().size(); i++) {
                        assertThat(out.lossFnOutputs().get(i).get("logprobs").toDoubles()).as(name)
                                .containsExactly(withAdapter.lossFnOutputs().get(i).get("logprobs").toDoubles(), within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void mergingShardsPastTheSizeLimitWithAnIndex() throws IOException {
        Fixture golden = Fixture.load("mistral");
        Path merged = new AdapterMerger(20_000).merge(Path.of(golden.adapter()), Path.of(golden.model()), home.resolve("sharded"));
        assertThat(merged.resolve("model.safetensors.index.json")).exists();
        try (var files = Files.list(merged)) {
            assertThat(files.filter(p -> p.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors")).count())
                    .isGreaterThan(1);
        }
        try (ServiceClient service = service();
             TrainingClient withAdapter = service.createLoraTrainingClient(golden.model(), LoraConfig.ofRank(4));
             TrainingClient base = service.createLoraTrainingClient(merged.toString(), LoraConfig.ofRank(4))) {
            withAdapter.loadState(golden.adapter()).join();
            double expected = withAdapter.forward(golden.datums(), LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
            assertThat(base.forward(golden.datums(), LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum"))
                    .isCloseTo(expected, within(1e-4));
        }
    }
}
