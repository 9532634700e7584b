package dev.whetstone.app.engine;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.WorkbenchException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * A {@code whetstone serve} child process: this program again, with the same runtime and class path, on a free
 * loopback port (the server binds port 0 and prints its URL), with a fresh random key that only this parent knows,
 * the same engine home and device. It stops itself when this process ends, however it ends ({@code --parent-pid});
 * its output goes to {@code <home>/app/engine-process.log} (the one before to {@code engine-process.previous.log}).
 *
 * <p>{@code try (EngineProcess engine = EngineProcess.start(options, env, Duration.ofMinutes(2))) { connect(engine.baseUrl(), engine.apiKey()); }}
 */
public final class EngineProcess implements AutoCloseable {
    /** The line {@code whetstone serve} prints once it listens, followed by its base URL. */
    public static final String READY_LINE = "Whetstone serves Tinker's API at ";
    /** The environment variables that say where the Hugging Face cache is; the child sees the app's values. */
    private static final List<String> HUB_VARIABLES = List.of("HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME");
    private static final int TAIL_LINES = 20;

    private final Process process;
    private final URI baseUrl;
    private final String apiKey;
    private final Path log;

    private EngineProcess(Process process, URI baseUrl, String apiKey, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.log = log;
    }

    /**
     * Starts the child and returns once its server listens, or fails with what its output said (a port in use, no
     * libtorch for the device, …) when it exits or is not ready within {@code timeout}.
     *
     * @param env the app's environment, for the Hugging Face cache variables the child should see
     */
    public static EngineProcess start(EngineOptions options, Map<String, String> env, Duration timeout) {
        Path appDir = options.home().resolve("app");
        String key = "tml-" + HexFormat.of().formatHex(randomBytes(24));
        Path keyFile = null;
        try {
            Files.createDirectories(appDir);
            keyFile = privateFile(appDir, key);
            Path log = appDir.resolve("engine-process.log");
            if (Files.exists(log)) {
                Files.move(log, appDir.resolve("engine-process.previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = ThisProgram.current().processBuilder(List.of("-XX:+ExitOnOutOfMemoryError",
                    "-XX:ErrorFile=" + appDir.resolve("engine-hs_err_pid%p.log"), "-DOPT_OUT_TRACKING=true"),
                    "serve", "--host", "127.0.0.1", "--port", "0", "--api-key-file", keyFile.toString(),
                    "--home", options.home().toString(), "--device", options.device(),
                    "--parent-pid", Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true);
            for (String name : HUB_VARIABLES) {
                if (env.containsKey(name)) {
                    builder.environment().put(name, env.get(name));
                } else {
                    builder.environment().remove(name);
                }
            }
            Process process = builder.start();
            Output output = new Output(process, log);
            output.start();
            URI url = awaitReady(process, output, timeout);
            return new EngineProcess(process, url, key, log);
        } catch (IOException e) {
            throw new WorkbenchException("could not start the engine process (" + e.getMessage() + "); choose \"In this "
                    + "process\" as the engine in Settings, or check " + appDir, e);
        } finally {
            deleteKeyFile(keyFile);   // the child has read it by now, or never will
        }
    }

    private static URI awaitReady(Process process, Output output, Duration timeout) {
        try {
            return output.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new WorkbenchException("the engine process did not start within " + timeout.toSeconds() + " s; its last "
                    + "output:\n" + output.tail() + "\n(the whole log: " + output.log + ")", e);
        } catch (ExecutionException e) {
            throw new WorkbenchException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new WorkbenchException("interrupted while the engine process started", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The key the child accepts ({@code tml-} and 48 hex digits); it exists only in this process and the child's memory. */
    public String apiKey() {
        return apiKey;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Where the child's output goes. */
    public Path log() {
        return log;
    }

    /** Completes with the exit code when the child ends, for whatever reason. */
    public CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Whether the child is running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Stops the child: asks (SIGTERM, so it closes its models) and, after {@code grace}, forces it. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop(Duration)} with 10 s of grace. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Reads the child's output on a daemon thread: every line to the log, the ready line's URL to {@link #ready}. */
    private static final class Output extends Thread {
        private final Process process;
        private final Path log;
        private final CompletableFuture<URI> ready = new CompletableFuture<>();
        private final Deque<String> tail = new ArrayDeque<>();

        Output(Process process, Path log) {
            super("whetstone-engine-process-output-" + process.pid());
            setDaemon(true);
            this.process = process;
            this.log = log;
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                out.write("# whetstone serve, pid " + process.pid() + ", started " + Instant.now());
                out.newLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    remember(line);
                    if (!ready.isDone() && line.startsWith(READY_LINE)) {
                        ready.complete(URI.create(line.substring(READY_LINE.length()).split("\\s+", 2)[0]));
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(new WorkbenchException("could not read the engine process's output: " + e, e));
            }
            process.onExit().thenRun(() -> ready.completeExceptionally(new WorkbenchException("the engine process "
                    + EngineExit.describe(process.exitValue()) + " before it was ready; its last output:\n" + tail()
                    + "\n(the whole log: " + log + ")")));
        }

        private synchronized void remember(String line) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }
    }

    private static Path privateFile(Path dir, String content) throws IOException {
        Path file;
        try {
            file = Files.createTempFile(dir, "engine-", ".key", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile(dir, "engine-", ".key");
        }
        Files.writeString(file, content + "\n");
        return file;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void deleteKeyFile(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LoggerFactory.getLogger(EngineProcess.class).warn("Could not delete the engine process's key file {}", file, e);
        }
    }
}
