package dev.whetstone.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.wire.client.RemoteRequestException;
import dev.whetstone.engine.wire.client.RemoteServiceClient;
import dev.whetstone.engine.wire.client.WireOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in its own process, stopped under a running client: a restart leaves the client with a clear error and a
 * way back (a new connection resumes from the last checkpoint with the same numbers); {@code kill -9} with futures
 * pending fails them with a message saying they may or may not have run.
 */
class ServerFaultTest {
    static final WireOptions SHORT_RETRIES = WireOptions.defaults().withRetryWindow(Duration.ofSeconds(4));

    @Test
    void afterARestartTheClientFailsClearlyAndANewOneResumesFromTheCheckpoint(@TempDir Path home) throws Exception {
        Process first = start(home, 0);
        int port = port(first);
        URI url = URI.create("http://127.0.0.1:" + port);
        String checkpoint;
        List<Object> expected;
        try (ServiceClient remote = RemoteServiceClient.connect(url, null, SHORT_RETRIES)) {
            TrainingClient training = remote.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(4).withSeed(2L));
            ConformanceTest.steps(training, 1);
            checkpoint = training.saveState("before-restart").join().path();

            first.destroy();                                   // a clean stop (SIGTERM), then the same port again
            first.waitFor();
            Process second = start(home, port);
            try {
                port(second);
                assertThatThrownBy(() -> training.forwardBackward(ConformanceTest.BATCH, LossFn.CROSS_ENTROPY).join())
                        .isInstanceOf(CompletionException.class).cause().isInstanceOf(RemoteRequestException.class)
                        .hasMessageContaining("unknown model_id").hasMessageContaining("restarted");
                try (ServiceClient again = RemoteServiceClient.connect(url, null, SHORT_RETRIES);
                     TrainingClient resumed = again.createTrainingClientFromStateWithOptimizer(checkpoint)) {
                    expected = ConformanceTest.steps(resumed, 1);
                }
            } finally {
                second.destroyForcibly().waitFor();
            }
        }
        try (ServiceClient local = ServiceClient.local(dev.whetstone.engine.EngineOptions.builder().home(home).device("cpu").build());
             TrainingClient resumed = local.createTrainingClientFromStateWithOptimizer(checkpoint)) {
            assertThat(ConformanceTest.steps(resumed, 1)).isEqualTo(expected);
        }
    }

    @Test
    void killNineWithFuturesPendingFailsThemSayingTheyMayHaveRun(@TempDir Path home) throws Exception {
        Process server = start(home, 0);
        URI url = URI.create("http://127.0.0.1:" + port(server));
        try (ServiceClient remote = RemoteServiceClient.connect(url, null, SHORT_RETRIES)) {
            TrainingClient training = remote.createLoraTrainingClient(ServedEngine.MODEL, LoraConfig.ofRank(16).withSeed(3L));
            List<CompletableFuture<ForwardBackwardOutput>> passes = new ArrayList<>();
            List<CompletableFuture<OptimStepResponse>> steps = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                passes.add(training.forwardBackward(ConformanceTest.BATCH, LossFn.CROSS_ENTROPY));
                steps.add(training.optimStep(AdamParams.defaults()));
            }
            passes.get(0).join();                               // the server is working through the queue
            server.destroyForcibly().waitFor();                 // kill -9

            CompletableFuture<OptimStepResponse> last = steps.get(steps.size() - 1);
            assertThatThrownBy(last::join).isInstanceOf(CompletionException.class).cause()
                    .isInstanceOf(RemoteRequestException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("may or may not have run", "cannot reach", "not sent"));
        } finally {
            server.destroyForcibly();
        }
    }

    private static Process start(Path home, int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                ServerProcess.class.getName(), home.toString(), Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits for the child's {@code PORT <n>} line. */
    private static int port(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).strip());
            }
        }
        throw new AssertionError("the server process ended before listening (exit " + process.exitValue() + ")");
    }
}
