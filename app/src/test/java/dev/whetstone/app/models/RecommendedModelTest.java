package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.engine.model.ModelConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The suggested models' shapes and download sizes are two independent facts from their hub pages; they must
 * agree with each other and with the size in the model's name, or one of them was typed wrong.
 */
class RecommendedModelTest {
    private static final Pattern SIZE = Pattern.compile("-(\\d+(?:\\.\\d+)?)([MB])");

    @Test
    void eachShapeHasAboutTheParametersItsNameSays() {
        for (RecommendedModel model : RecommendedModel.all()) {
            Matcher size = SIZE.matcher(model.repoId());
            assertThat(size.find()).as(model.repoId()).isTrue();
            double named = Double.parseDouble(size.group(1)) * (size.group(2).equals("B") ? 1e9 : 1e6);
            assertThat((double) model.shape().parameterCount()).as(model.repoId()).isCloseTo(named, within(named * 0.3));
        }
    }

    @Test
    void eachDownloadIsItsParametersInBfloat16WithOrWithoutAStoredHead() {
        for (RecommendedModel model : RecommendedModel.all()) {
            ModelConfig shape = model.shape();
            double weights = 2.0 * shape.parameterCount();
            double withHead = weights + 2.0 * shape.vocabSize() * shape.hiddenSize();   // a tied head saved a second time
            double download = model.downloadBytes();
            assertThat(Math.min(Math.abs(download - weights) / weights, Math.abs(download - withHead) / withHead))
                    .as(model.repoId() + ": " + download + " bytes vs " + weights + " or " + withHead).isLessThan(0.01);
        }
    }
}
