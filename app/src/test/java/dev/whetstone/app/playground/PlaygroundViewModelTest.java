package dev.whetstone.app.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playground's view-model without a stage, sampling the real golden tiny model. */
class PlaygroundViewModelTest {
    @TempDir
    Path home;
    private ServiceClient service;
    private ExecutorService workers;
    private PlaygroundViewModel playground;

    @BeforeEach
    void start() {
        service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
        workers = Executors.newFixedThreadPool(2);
        // real workers (the alternatives call waits on the model's device thread); FX-side handlers run inline
        playground = new PlaygroundViewModel(new Background(workers, new FxBridge(new InlineExecutor())), service);
        playground.a().model().set(GoldenModel.FOLDER.toString());
        playground.chat().set(false);
        playground.prompt().set("w3 w4");
        playground.settings().set(new SampleSettings(0.0, 1.0, 0, 12, "", 1L, 1));   // greedy
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
        service.close();
    }

    @Test
    void greedyTokensAreTheFirstOfTheirTopFiveAlternativesWhichAreSorted() throws Exception {
        playground.generate().get(60, TimeUnit.SECONDS);

        List<TokenPiece> tokens = List.copyOf(playground.a().tokens());
        assertThat(tokens).isNotEmpty();
        for (TokenPiece token : tokens) {
            List<TokenChoice> alternatives = playground.a().alternatives(token);
            assertThat(alternatives).hasSize(TokenAlternatives.TOP_K);
            assertThat(alternatives.get(0).token()).isEqualTo(token.token());
            assertThat(alternatives).isSortedAccordingTo(Comparator.comparingDouble(TokenChoice::logprob).reversed());
            assertThat(alternatives.stream().mapToDouble(a -> Math.exp(a.logprob())).sum()).isLessThanOrEqualTo(1.0 + 1e-6);
            assertThat(token.describe(alternatives)).contains("top 5 (model):").contains(alternatives.get(1).describe());
        }
    }

    @Test
    void theAlternativesLogprobOfTheSampledTokenIsTheModelsTeacherForcedLogprob() throws Exception {
        playground.generate().get(60, TimeUnit.SECONDS);

        SamplingClient client = service.createSamplingClient(GoldenModel.FOLDER.toString());
        int[] prompt = client.getTokenizer().encode("w3 w4");
        List<TokenPiece> tokens = List.copyOf(playground.a().tokens());
        int[] all = IntStream.concat(IntStream.of(prompt), tokens.stream().mapToInt(TokenPiece::token)).toArray();
        List<Double> forced = client.computeLogprobs(ModelInput.fromInts(all)).get(60, TimeUnit.SECONDS);
        for (TokenPiece token : tokens) {
            assertThat(playground.a().alternatives(token).get(0).logprob())
                    .isCloseTo(forced.get(prompt.length + token.position()), within(1e-4));
        }
    }
}
