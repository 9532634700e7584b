package dev.whetstone.engine.server;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code whetstone serve} in its own JVM for {@link ServerFaultTest}: prints {@code PORT <n>} once it listens, then
 * serves until it is killed. Arguments: engine home, port (0 for an ephemeral one).
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(args[0]);
        ServiceClient engine = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
        WhetstoneServer server = WhetstoneServer.start(engine, home,
                ServerOptions.loopback(Integer.parseInt(args[1])).withLongPoll(Duration.ofSeconds(2)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
        }));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.join();
    }
}
