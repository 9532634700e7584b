package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.EngineVersion;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run card of a real run on the golden tiny model: written once with the engine version and the SHA-256 of the
 * dataset, chat template, tokenizer, model config and weights; an extension after the dataset changed warns and goes on.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunCardTest {
    private static final Path MODEL = Path.of(PatternData.MODEL);

    @TempDir
    Path home;

    @Test
    void theCardRecordsTheInputsAndAnExtensionWarnsAboutAChangedDataset() throws IOException {
        Path dataset = Files.writeString(home.resolve("data.jsonl"), "{\"text\": \"the datums come from PatternData\"}\n");
        TrainingConfig config = PatternData.config("carded", 4).withData(dataset.toString(), null,
                dev.whetstone.engine.data.TrainOn.ALL_TOKENS, 0, 12);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            assertThat(supervisor.start(config, PatternData.of(8, 0, 12)).completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            RunCard card = RunJournal.readRun(supervisor.runDir("carded")).runCard();
            assertThat(card.engineVersion()).isEqualTo(EngineVersion.current());
            assertThat(card.inputs()).extracting(RunInput::role).containsExactly(RunInput.Role.DATASET, RunInput.Role.CHAT_TEMPLATE,
                    RunInput.Role.TOKENIZER, RunInput.Role.MODEL_CONFIG, RunInput.Role.WEIGHTS);
            assertThat(card.inputs().get(0).sha256()).isEqualTo(RunInputs.sha256(dataset));
            assertThat(card.inputs().get(4)).isEqualTo(new RunInput(RunInput.Role.WEIGHTS,
                    MODEL.resolve("model.safetensors").toAbsolutePath().toString(), RunInputs.sha256(MODEL.resolve("model.safetensors"))));
            assertThat(supervisor.changedInputs("carded")).isEmpty();

            Files.writeString(dataset, "{\"text\": \"edited after the run began\"}\n");
            RunHandle extended = supervisor.extend("carded", 2, PatternData.of(8, 0, 12));
            assertThat(extended.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(extended.inputChanges()).singleElement().satisfies(change -> {
                assertThat(change.recorded().role()).isEqualTo(RunInput.Role.DATASET);
                assertThat(change.message()).contains(dataset.toAbsolutePath().toString()).contains("changed since the run began");
            });
            assertThat(EventJournal.read(extended.dir().resolve(RunJournal.EVENTS_FILE))).extracting(EventJournal.Entry::event)
                    .filteredOn(RunEvent.InputChanged.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((RunEvent.InputChanged) e).path()).isEqualTo(dataset.toAbsolutePath().toString()));
            // written once: the extension changed the config's steps, not the card
            assertThat(RunJournal.readRun(extended.dir()).runCard()).isEqualTo(card);
            assertThat(RunJournal.readConfig(extended.dir()).steps()).isEqualTo(6);
        }
    }
}
