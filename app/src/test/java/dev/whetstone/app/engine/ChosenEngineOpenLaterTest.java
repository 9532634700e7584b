package dev.whetstone.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServerCapabilities;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app opens its engine only after the window's first frame ({@link ChosenEngine#openLater}): until then calls
 * wait, and a window closed before that closes at once, without loading an engine.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChosenEngineOpenLaterTest {
    @TempDir
    Path home;

    @Test
    void callsWaitUntilOpeningBeginsThenAnswer() throws Exception {
        try (ChosenEngine engine = ChosenEngine.openLater(EngineChoice.inProcess(), null, EngineOptions.builder().home(home).device("cpu").build(), Map.of())) {
            CompletableFuture<ServerCapabilities> call = CompletableFuture.supplyAsync(engine::getServerCapabilities);
            assertThatThrownBy(() -> call.get(500, TimeUnit.MILLISECONDS)).as("the call waits for the engine")
                    .isInstanceOf(TimeoutException.class);
            assertThat(engine.status().phase()).isEqualTo(EngineStatus.Phase.STARTING);

            engine.beginOpening();

            assertThat(call.get(2, TimeUnit.MINUTES).supportedModels()).isNotNull();
            assertThat(engine.status().phase()).isEqualTo(EngineStatus.Phase.REACHABLE);
        }
    }

    @Test
    void anEngineThatNeverBeganOpeningClosesAtOnce() {
        ChosenEngine engine = ChosenEngine.openLater(EngineChoice.inProcess(), null, EngineOptions.builder().home(home).device("cpu").build(), Map.of());
        CompletableFuture<Void> ready = engine.ready();

        long start = System.nanoTime();
        engine.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).as("close of an engine never opened, ms").isLessThan(2_000);
        assertThat(ready).isCompletedExceptionally();
        assertThat(engine.status().phase()).as("not a failure: it was never asked to open").isEqualTo(EngineStatus.Phase.STARTING);
        engine.beginOpening();   // too late: nothing opens after close
        assertThat(ready).isCompletedExceptionally();
    }
}
