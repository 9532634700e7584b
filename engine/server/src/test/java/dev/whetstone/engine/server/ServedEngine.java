package dev.whetstone.engine.server;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The in-process engine on the golden {@code qwen3_tied} model (V = 128, context 128; engine/local's PyTorch
 * fixtures), served on an ephemeral loopback port, for the wire tests.
 */
final class ServedEngine implements AutoCloseable {
    static final Path GOLDEN = Path.of("../local/src/test/resources/golden/qwen3_tied").toAbsolutePath().normalize();
    static final String MODEL = GOLDEN.resolve("model").toString();

    final Path home;
    final ServiceClient engine;
    final WhetstoneServer server;

    ServedEngine(Path home) {
        this(home, ServerOptions.loopback(0).withLongPoll(Duration.ofSeconds(2)));
    }

    ServedEngine(Path home, ServerOptions options) {
        this.home = home;
        this.engine = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
        this.server = WhetstoneServer.start(engine, home, options);
    }

    SdkWire sdk() {
        return new SdkWire(server.baseUrl(), null);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
