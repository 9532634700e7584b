package dev.whetstone.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.model.Architecture;
import dev.whetstone.engine.run.RunStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts and the engine's enums as a person reads them on screen. */
class PluralAndHumanNamesTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.of(1, "epoch")).isEqualTo("1 epoch");
        assertThat(Plural.of(4, "epoch")).isEqualTo("4 epochs");
        assertThat(Plural.of(0, "error")).isEqualTo("0 errors");
        assertThat(Plural.of(1, "entry", "entries")).isEqualTo("1 entry");
        assertThat(Plural.of(3, "entry", "entries")).isEqualTo("3 entries");
    }

    @Test
    void noEnumReadsAsItsConstantName() {
        Map<Enum<?>, String> labels = new LinkedHashMap<>();
        for (TrainOn on : TrainOn.values()) {
            labels.put(on, HumanNames.trainOn(on));
        }
        for (Architecture a : Architecture.values()) {
            labels.put(a, HumanNames.architecture(a));
        }
        for (DatasetFormat f : DatasetFormat.values()) {
            labels.put(f, HumanNames.format(f));
        }
        for (StopReason r : StopReason.values()) {
            labels.put(r, HumanNames.stopReason(r));
        }
        labels.remove(DatasetFormat.CSV);   // an acronym reads as itself
        labels.forEach((constant, label) -> assertThat(label).doesNotContain("_").isNotEqualTo(constant.name()));
        assertThat(HumanNames.format(DatasetFormat.CSV)).isEqualTo("CSV");
        assertThat(HumanNames.trainOn(TrainOn.ALL_ASSISTANT_MESSAGES)).isEqualTo("All assistant messages");
        assertThat(HumanNames.trainOn(TrainOn.LAST_ASSISTANT_MESSAGE)).isEqualTo("Last assistant message");
        assertThat(HumanNames.architecture(Architecture.QWEN3)).isEqualTo("Qwen3");
    }

    @Test
    void runStatusesReadAsWords() {
        assertThat(HumanNames.runStatus(RunStatus.EARLY_STOPPED)).isEqualTo("stopped early");
        assertThat(HumanNames.runStatus(RunStatus.COMPLETED)).isEqualTo("completed");
        assertThat(HumanNames.runStatus(RunStatus.DIVERGED)).isEqualTo("completed after a divergence");
        for (RunStatus status : RunStatus.values()) {
            assertThat(HumanNames.runStatus(status)).doesNotContain("_");
        }
    }

    @Test
    void decimalsAreWrittenShort() {
        assertThat(BoundFields.shortDecimal(1e-4)).isEqualTo("1e-4");
        assertThat(BoundFields.shortDecimal(2.5e-5)).isEqualTo("2.5e-5");
        assertThat(BoundFields.shortDecimal(0.005)).isEqualTo("0.005");
        assertThat(BoundFields.shortDecimal(1.0)).isEqualTo("1");
    }
}
