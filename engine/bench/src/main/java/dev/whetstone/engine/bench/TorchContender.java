package dev.whetstone.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch-eager side: {@code bench/torch_reference.py} in a child process, kept loaded and driven one
 * JSON line at a time, so its steps can alternate with Whetstone's. The child idles on stdin between
 * requests and does not compete for the cores.
 */
public final class TorchContender implements Contender {
    private static final JsonMapper JSON = new JsonMapper();
    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader replies;
    private final JsonNode hello;
    private double firstLoss = Double.NaN;

    /** {@link #TorchContender(String, Path, Path, Path, int, int, String)} on the CPU. */
    public TorchContender(String python, Path script, Path model, Path data, int threads, int rank) {
        this(python, script, model, data, threads, rank, "cpu");
    }

    /**
     * Starts {@code python script --model ... --data ... --threads n --rank r --device d} and waits until it
     * is loaded; {@code device} is {@code cpu} or {@code cuda}.
     */
    public TorchContender(String python, Path script, Path model, Path data, int threads, int rank, String device) {
        ProcessBuilder builder = new ProcessBuilder(List.of(python, script.toString(), "--model", model.toString(),
                "--data", data.toString(), "--threads", Integer.toString(threads), "--rank", Integer.toString(rank),
                "--alpha", "32", "--device", device));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("OMP_NUM_THREADS", Integer.toString(threads),
                "OPENBLAS_NUM_THREADS", Integer.toString(threads)));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + python + " " + script
                    + "; install Debian's python3-torch and libopenblas0-pthread, or pass --no-torch", e);
        }
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        hello = readReply();
    }

    /** What the reference reported on start: torch version, threads, the BLAS library it mapped. */
    public JsonNode hello() {
        return hello;
    }

    @Override
    public String name() {
        return "torch";
    }

    @Override
    public double[] train(int steps) {
        JsonNode reply = call(Map.of("op", "train", "steps", steps));
        if (Double.isNaN(firstLoss)) {
            firstLoss = reply.get("loss").asDouble();
        }
        double[] seconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            seconds[i] = reply.get("step_seconds").get(i).asDouble();
        }
        return seconds;
    }

    @Override
    public double firstLoss() {
        return firstLoss;
    }

    @Override
    public double sample(int numSequences) {
        return call(Map.of("op", "sample", "num", numSequences)).get("seconds").asDouble();
    }

    @Override
    public StepMemory stepMemory() {
        JsonNode reply = call(Map.of("op", "step_memory"));
        long reserved = reply.get("reserved_peak_bytes").asLong();
        return new StepMemory(-1, reserved, reply.get("allocated_peak_bytes").asLong(), reserved);
    }

    @Override
    public String traceStep(Path file) {
        call(Map.of("op", "trace", "file", file.toString()));
        return "torch.profiler (with CUDA kernels on a GPU)";
    }

    @Override
    public ProcessMemory memory() {
        JsonNode reply = call(Map.of("op", "memory"));
        return new ProcessMemory(reply.get("rss_bytes").asLong(), reply.get("peak_rss_bytes").asLong());
    }

    private JsonNode call(Map<String, Object> request) {
        send(request);
        JsonNode reply = readReply();
        if (reply.has("error")) {
            throw new IllegalStateException("the PyTorch reference failed: " + reply.get("error").asText());
        }
        return reply;
    }

    private void send(Map<String, Object> request) {
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the PyTorch reference stopped (see its messages above)", e);
        }
    }

    private JsonNode readReply() {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("the PyTorch reference exited (see its messages above)");
            }
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the PyTorch reference's reply", e);
        }
    }

    @Override
    public void close() {
        try {
            send(Map.of("op", "quit"));   // no reply; the child exits
        } catch (UncheckedIOException alreadyGone) {
            // it has exited already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
