package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.bench.BenchHarness;
import dev.whetstone.engine.bench.BenchReport;
import dev.whetstone.engine.bench.BenchResult;
import dev.whetstone.engine.bench.BenchSettings;
import dev.whetstone.engine.bench.ModelShape;
import dev.whetstone.engine.bench.WireOverhead;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whetstone bench}: train-step and sampling speed on a synthetic Qwen3 model, alternating with the
 * PyTorch-eager reference in one run; progress on stderr, a Markdown table appended to the run log (bench/results/runs.md),
 * and the numbers as JSON on the last line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark training and sampling against PyTorch eager and the matmul ceiling.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", defaultValue = "S", description = "S (d=256, 4 layers), M (the Qwen3-0.6B shape: writes 2.4 GB) or tiny.")
    String size;

    @Option(names = "--threads", description = "Native threads for both sides (default: the CPU count).")
    Integer threads;

    @Option(names = "--rounds", defaultValue = "5", description = "Alternating train rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--steps-per-round", defaultValue = "3", description = "Train steps per side per round (default: ${DEFAULT-VALUE}).")
    int stepsPerRound;

    @Option(names = "--sample-rounds", defaultValue = "3", description = "Alternating sampling rounds (default: ${DEFAULT-VALUE}).")
    int sampleRounds;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per train step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--tokens", defaultValue = "256", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--prompt-tokens", defaultValue = "32", description = "Sampling prompt length (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--new-tokens", defaultValue = "128", description = "Tokens sampled per sequence (default: ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--no-torch", description = "Run Whetstone alone.")
    boolean noTorch;

    @Option(names = "--torch-script", defaultValue = "bench/torch_reference.py",
            description = "The PyTorch reference (default: ${DEFAULT-VALUE}, from a checkout's root).")
    Path torchScript;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--soak", description = "Also train --soak-steps steps and compare RSS after 200 steps with the end.")
    boolean soak;

    @Option(names = "--soak-steps", defaultValue = "2000", description = "Steps of the soak (default: ${DEFAULT-VALUE}).")
    int soakSteps;

    @Option(names = "--report", defaultValue = "bench/results/runs.md", description = "Markdown file the table is appended to (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--no-report", description = "Do not append to the Markdown report.")
    boolean noReport;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the synthetic model and data go (default: <home>/bench).")
    Path workDir;

    @Option(names = "--wire", description = "Measure the wire instead: the same train step and single-sequence sampling in "
            + "process and through ServiceClient.connect to a loopback `whetstone serve`, alternated.")
    boolean wire;

    @Option(names = "--trace", paramLabel = "DIR", description = "Also profile one train step of each side (libtorch's and "
            + "PyTorch's profilers) into DIR/<size>-<side>-step.json; summarise with bench/trace_top.py.")
    Path traceDir;

    @Override
    public Integer call() throws IOException {
        EngineOptions options = engine.toOptions();
        ModelShape shape = ModelShape.named(size);
        if (wire) {
            return wireOverhead(options, shape);
        }
        if (!noTorch && !Files.isRegularFile(torchScript)) {
            throw new IllegalArgumentException("the PyTorch reference " + torchScript + " is missing; run from the "
                    + "checkout's root, pass --torch-script PATH, or --no-torch");
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path dir = workDir != null ? workDir : options.home().resolve("bench");
        BenchSettings settings = BenchSettings.standard(shape, n, dir, noTorch ? null : torchScript)
                .withWorkload(batch, tokens, promptTokens, newTokens, rounds, stepsPerRound, sampleRounds)
                .withSoakSteps(soak ? soakSteps : 0)
                .withDevice(options.device().equals("auto") ? "cpu" : options.device())
                .withPython(python)
                .withTraceDir(traceDir);
        PrintWriter err = spec.commandLine().getErr();
        BenchResult result = new BenchHarness(settings, line -> {
            err.println("bench: " + line);
            err.flush();
        }).run();
        BenchReport benchReport = new BenchReport(result, commit(),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        PrintWriter out = spec.commandLine().getOut();
        out.print(benchReport.markdown());
        if (!noReport) {
            benchReport.appendTo(report);
            out.println("(appended to " + report + ")");
        }
        out.println(benchReport.json());
        out.flush();
        return 0;
    }

    private int wireOverhead(EngineOptions options, ModelShape shape) throws IOException {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path dir = workDir != null ? workDir : options.home().resolve("bench");
        BenchSettings settings = BenchSettings.standard(shape, n, dir, null)
                .withWorkload(batch, tokens, promptTokens, newTokens, rounds, stepsPerRound, sampleRounds)
                .withDevice(options.device().equals("auto") ? "cpu" : options.device());
        PrintWriter err = spec.commandLine().getErr();
        WireOverhead.Result result = new WireOverhead(settings, line -> {
            err.println("bench: " + line);
            err.flush();
        }).run();
        String table = result.markdown(commit(), LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        if (!noReport) {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, table, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            out.println("(appended to " + report + ")");
        }
        out.println(result.json());
        out.flush();
        return 0;
    }

    /** The checkout's short commit, with {@code -dirty} for uncommitted changes; {@code unknown} outside git. */
    private static String commit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
    }

    private static String git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? text : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
