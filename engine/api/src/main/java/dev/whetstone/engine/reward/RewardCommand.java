package dev.whetstone.engine.reward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The user's own reward program, in any language: run once per batch through the shell ({@code sh -c}, on Windows
 * {@code cmd /c}) in the current directory, it reads one JSON line per completion on stdin (the dataset row's fields
 * with {@code "completion"} added) and writes one number per line on stdout, in the same order. A program that
 * exits with an error, writes something else, or takes longer than the time limit (it is then killed, with its
 * children) fails the batch with a {@link RewardException} that says which and shows its stderr.
 *
 * <p>Example: {@code new RewardCommand("python3 reward.py", Duration.ofSeconds(60)).score(inputs)}
 */
public final class RewardCommand implements Reward {
    private static final int STDERR_SHOWN = 1500;
    private static final int LINE_SHOWN = 300;
    private final String command;
    private final Duration timeout;

    /**
     * @param command the command line, as typed in a shell
     * @param timeout the longest one batch may take, > 0
     */
    public RewardCommand(String command, Duration timeout) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the reward command must be given, was " + (command == null ? "null" : "blank"));
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the reward timeout must be > 0, was " + timeout);
        }
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public double[] score(List<RewardInput> inputs) {
        if (inputs.isEmpty()) {
            return new double[0];
        }
        StringBuilder lines = new StringBuilder();
        for (RewardInput input : inputs) {
            lines.append(input.asLine().toString()).append('\n');
        }
        byte[] stdin = lines.toString().getBytes(StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder(shell()).start();
        } catch (IOException e) {
            throw new RewardException("could not start the reward command `" + command + "`: " + e.getMessage(), e);
        }
        Drain out = Drain.of(process.getInputStream(), "stdout");
        Drain err = Drain.of(process.getErrorStream(), "stderr");
        Thread feed = feed(process.getOutputStream(), stdin);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new RewardException("the reward command `" + command + "` gave no answer within " + seconds()
                        + " for " + inputs.size() + " completions and was stopped; make it faster, or raise the reward"
                        + " time limit (--reward-timeout)" + stderr(err) + tryIt(inputs));
            }
            feed.join(timeout.toMillis());
            String stdout = out.text(timeout);
            String errors = err.text(timeout);
            if (process.exitValue() != 0) {
                throw new RewardException("the reward command `" + command + "` failed with exit code " + process.exitValue()
                        + stderrText(errors) + tryIt(inputs));
            }
            return parse(stdout, inputs.size(), inputs);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RewardException("interrupted while the reward command `" + command + "` ran", e);
        }
    }

    private double[] parse(String stdout, int expected, List<RewardInput> inputs) {
        List<String> answers = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            if (!line.isBlank()) {
                answers.add(line.strip());
            }
        }
        if (answers.size() != expected) {
            throw new RewardException("the reward command `" + command + "` wrote " + answers.size() + " numbers for "
                    + expected + " completions; it must write one number per input line, in order" + tryIt(inputs));
        }
        double[] rewards = new double[expected];
        for (int i = 0; i < expected; i++) {
            try {
                rewards[i] = Double.parseDouble(answers.get(i));
            } catch (NumberFormatException e) {
                rewards[i] = Double.NaN;
            }
            if (!Double.isFinite(rewards[i])) {
                throw new RewardException("the reward command `" + command + "` wrote \"" + shorten(answers.get(i), LINE_SHOWN)
                        + "\" on output line " + (i + 1) + ", which is not a finite number; write one number per line"
                        + tryIt(inputs));
            }
        }
        return rewards;
    }

    private List<String> shell() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
    }

    private static Thread feed(OutputStream stdin, byte[] bytes) {
        Thread thread = new Thread(() -> {
            try (stdin) {
                stdin.write(bytes);
            } catch (IOException closedEarly) {
                // the program stopped reading (it exited or crashed): its exit code and output say what happened
            }
        }, "whetstone-reward-stdin");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String stderr(Drain err) {
        return stderrText(err.soFar());
    }

    private static String stderrText(String errors) {
        String tail = errors.strip();
        if (tail.isEmpty()) {
            return "";
        }
        if (tail.length() > STDERR_SHOWN) {
            tail = "…" + tail.substring(tail.length() - STDERR_SHOWN);
        }
        return "; its stderr: " + tail;
    }

    private String tryIt(List<RewardInput> inputs) {
        return ". Try it by hand: echo '" + shorten(inputs.get(0).asLine().toString(), LINE_SHOWN).replace("'", "'\\''")
                + "' | " + command;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    @Override
    public String describe() {
        return "command: " + command;
    }

    public String command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Reads a stream to its end on a thread of its own, so that a full pipe never blocks the program. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in, String name) {
            this.thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException closed) {
                    // the process was killed
                }
            }, "whetstone-reward-" + name);
            thread.setDaemon(true);
        }

        static Drain of(InputStream in, String name) {
            Drain drain = new Drain(Objects.requireNonNull(in), name);
            drain.thread.start();
            return drain;
        }

        /** Everything read once the stream ends (waits at most {@code limit} after the process exited). */
        String text(Duration limit) throws InterruptedException {
            thread.join(limit.toMillis());
            return soFar();
        }

        String soFar() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
