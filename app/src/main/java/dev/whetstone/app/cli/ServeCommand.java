package dev.whetstone.app.cli;

import dev.whetstone.app.engine.EngineProcess;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.server.ServerOptions;
import dev.whetstone.engine.server.WhetstoneServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whetstone serve}: the engine behind Tinker's HTTP protocol, so the official Python SDK (and
 * tinker-cookbook) and {@code ServiceClient.connect} train on this machine, plus OpenAI-style completions.
 */
@Command(name = "serve", description = {
        "Serve the engine over Tinker's HTTP protocol: point the Tinker Python SDK's base_url here",
        "(ServiceClient(base_url=\"http://127.0.0.1:8000\", api_key=\"tml-...\")). Also answers OpenAI-style",
        "/v1/completions and /v1/chat/completions. Loopback by default; any other --host needs --api-key-file."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "File whose first line is the key clients must send (tml-...); required unless --host is loopback.")
    Path apiKeyFile;

    @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
            description = "Stop when process PID ends (the app's own engine process).")
    Long parentPid;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = ServerOptions.of(host, port, apiKeyFile);
        EngineOptions engineOptions = engine.toOptions();
        PrintWriter out = spec.commandLine().getOut();
        ServiceClient service = ServiceClient.local(engineOptions);
        WhetstoneServer server;
        try {
            server = WhetstoneServer.start(service, engineOptions.home(), options);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            service.close();
        }, "whetstone-serve-shutdown"));
        out.println(EngineProcess.READY_LINE + server.baseUrl() + " (engine home " + engineOptions.home() + ")");
        out.println("  Python:  tinker.ServiceClient(base_url=\"" + server.baseUrl() + "\", api_key="
                + (apiKeyFile == null ? "\"tml-local\"" : "<the key in " + apiKeyFile + ">") + ")");
        out.println("  OpenAI:  base_url=\"" + server.baseUrl() + "/v1\"; model = a base model or a tinker:// sampler path");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        if (parentPid != null) {
            stopWithParent(parentPid);
        }
        server.join();
        return 0;
    }

    /** Exits (closing the server and the engine in the shutdown hook) when the parent process ends, however it ends. */
    private static void stopWithParent(long pid) {
        ProcessHandle.of(pid).map(ProcessHandle::onExit).orElse(java.util.concurrent.CompletableFuture.completedFuture(null))
                .thenRun(() -> System.exit(0));
    }
}
