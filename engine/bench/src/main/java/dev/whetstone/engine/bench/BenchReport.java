package dev.whetstone.engine.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** A {@link BenchResult} as one line of JSON and as a Markdown section for the run log ({@code bench/results/runs.md}). */
public final class BenchReport {
    private static final JsonMapper JSON = new JsonMapper();
    private final BenchResult result;
    private final String commit;
    private final String date;

    /** The report of {@code result} measured at {@code commit} on {@code date} (e.g. 2025-01-31 14:02). */
    public BenchReport(BenchResult result, String commit, String date) {
        this.result = result;
        this.commit = commit;
        this.date = date;
    }

    /** One line of JSON (the CLI's last line). */
    public String json() {
        BenchSettings s = result.settings();
        ObjectNode root = JSON.createObjectNode();
        root.put("size", s.shape().name());
        root.put("date", date);
        root.put("commit", commit);
        root.put("device", s.device());
        root.put("cpu", result.machine().cpu());
        root.put("cores", result.machine().cores());
        root.put("threads", s.threads());
        root.put("load_before", result.machine().load());
        root.put("load_after", result.loadAfter());
        ObjectNode workload = root.putObject("workload");
        workload.put("batch", s.batch()).put("tokens", s.tokens()).put("prompt_tokens", s.promptTokens())
                .put("new_tokens", s.newTokens()).put("rank", s.rank());
        root.put("train_flops_per_step", result.trainFlops());
        root.put("ceiling_gflops", result.ceiling().ceilingGflops());
        root.put("ceiling_best_gflops", result.ceiling().bestGflops());
        var matmuls = root.putArray("matmuls");
        for (MatmulCeiling.Product p : result.ceiling().products()) {
            matmuls.addObject().put("shape", p.rows() + "x" + p.inner() + "x" + p.cols()).put("gflops", p.gflops());
        }
        for (BenchResult.ContenderResult c : result.contenders()) {
            ObjectNode node = root.putObject(c.name());
            node.put("train_tokens_per_s", result.trainTokensPerSecond(c));
            node.put("step_median_s", c.trainStep().median());
            node.put("step_min_s", c.trainStep().min());
            node.put("step_max_s", c.trainStep().max());
            node.put("step_spread_pct", c.trainStep().spreadPercent());
            node.put("steps_timed", c.trainStep().count());
            node.put("mfu", result.mfu(c));
            node.put("first_loss", c.firstLoss());
            node.put("rss_bytes", c.memory().rssBytes());
            node.putObject("step_memory").put("held_bytes", c.stepMemory().heldBytes())
                    .put("device_bytes", c.stepMemory().deviceBytes())
                    .put("allocated_peak_bytes", c.stepMemory().allocatedPeakBytes())
                    .put("reserved_peak_bytes", c.stepMemory().reservedPeakBytes());
            node.put("peak_rss_bytes", c.memory().peakRssBytes());
            ObjectNode sampling = node.putObject("sample_tokens_per_s");
            for (int n : s.sampleCounts()) {
                if (c.sampleSeconds().containsKey(n)) {
                    sampling.put(Integer.toString(n), result.sampleTokensPerSecond(c, n));
                }
            }
        }
        BenchResult.ContenderResult torch = result.torch();
        if (torch != null) {
            ObjectNode ratios = root.putObject("ratios");
            ratios.put("train", result.trainTokensPerSecond(result.ours()) / result.trainTokensPerSecond(torch));
            for (int n : s.sampleCounts()) {
                if (!torch.sampleSeconds().containsKey(n)) {
                    continue;
                }
                ratios.put("sample_" + n, result.sampleTokensPerSecond(result.ours(), n) / result.sampleTokensPerSecond(torch, n));
            }
        }
        if (result.soak() != null) {
            root.putObject("soak").put("steps", result.soak().steps())
                    .put("rss_at_" + BenchSettings.SOAK_FIRST, result.soak().rssAtFirst())
                    .put("rss_at_end", result.soak().rssAtEnd())
                    .put("growth_pct", result.soak().growthPercent())
                    .put("live_tensors_at_" + BenchSettings.SOAK_FIRST, result.soak().tensorsAtFirst())
                    .put("live_tensors_at_end", result.soak().tensorsAtEnd())
                    .put("heap_committed_at_" + BenchSettings.SOAK_FIRST, result.soak().heapCommittedAtFirst())
                    .put("heap_committed_at_end", result.soak().heapCommittedAtEnd());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "—" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** A Markdown section: a heading with the date, CPU, threads, commit and load, then a table. */
    public String markdown() {
        BenchSettings s = result.settings();
        BenchResult.ContenderResult ours = result.ours();
        BenchResult.ContenderResult torch = result.torch();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n### %s · model %s · %s%s · %d threads · commit %s%n%n", date,
                s.shape().name(), "cpu".equals(s.device()) ? "" : s.device() + " · ", result.machine().cpu(),
                s.threads(), commit));
        md.append(String.format(Locale.ROOT, "Load average before %s, after %s. Matmul ceiling %.1f GFLOP/s (median "
                        + "of the rounds, best %.1f; libtorch via DJL, %s); train step %.1f GFLOP (B=%d, T=%d, LoRA r=%d on 7 projections). %d alternating rounds.%n%n",
                result.machine().load(), result.loadAfter(), result.ceiling().ceilingGflops(), result.ceiling().bestGflops(),
                "cpu".equals(s.device()) ? "float32" : "float16 on " + s.device(), result.trainFlops() / 1e9,
                s.batch(), s.tokens(), s.rank(), s.rounds()));
        md.append("| metric | whetstone | torch eager | ratio |\n|---|---|---|---|\n");
        row(md, "train tokens/s", result.trainTokensPerSecond(ours),
                torch == null ? Double.NaN : result.trainTokensPerSecond(torch), "%.0f");
        md.append(String.format(Locale.ROOT, "| train step median (min–max, spread) | %s | %s | |%n", step(ours),
                torch == null ? "—" : step(torch)));
        md.append(String.format(Locale.ROOT, "| MFU of ceiling | %s | %s | |%n", percent(result.mfu(ours)),
                torch == null ? "—" : percent(result.mfu(torch))));
        for (int n : s.sampleCounts()) {
            if (!ours.sampleSeconds().containsKey(n)) {
                continue;
            }
            row(md, "sample tokens/s, " + n + " seq", result.sampleTokensPerSecond(ours, n),
                    torch == null ? Double.NaN : result.sampleTokensPerSecond(torch, n), "%.0f");
        }
        md.append(String.format(Locale.ROOT, "| peak RSS | %d MiB | %s | |%n", ours.memory().peakRssBytes() >> 20,
                torch == null ? "—" : (torch.memory().peakRssBytes() >> 20) + " MiB"));
        md.append(String.format(Locale.ROOT, "| held between steps (weights, LoRA, gradients, AdamW) | %s | — | |%n",
                mib(ours.stepMemory().heldBytes())));
        if (!"cpu".equals(s.device())) {
            md.append(String.format(Locale.ROOT, "| GPU memory of one step (peak reserve; driver's count for ours) | %s | %s | |%n",
                    mib(ours.stepMemory().deviceBytes()), torch == null ? "—" : mib(torch.stepMemory().reservedPeakBytes())));
            md.append(String.format(Locale.ROOT, "| GPU peak of live tensors in one step (torch's allocator) | — | %s | |%n",
                    torch == null ? "—" : mib(torch.stepMemory().allocatedPeakBytes())));
        }
        md.append(String.format(Locale.ROOT, "| first loss (same model and data) | %.4f | %s | |%n", ours.firstLoss(),
                torch == null ? "—" : String.format(Locale.ROOT, "%.4f", torch.firstLoss())));
        if (result.soak() != null) {
            BenchResult.Soak soak = result.soak();
            md.append(String.format(Locale.ROOT, "| RSS after %d / %d steps | %d / %d MiB (%+.1f%%) | | |%n",
                    BenchSettings.SOAK_FIRST, soak.steps(), soak.rssAtFirst() >> 20, soak.rssAtEnd() >> 20,
                    soak.growthPercent()));
            md.append(String.format(Locale.ROOT, "| live tensors / Java heap committed, same points | %d / %d; %d / %d MiB | | |%n",
                    soak.tensorsAtFirst(), soak.tensorsAtEnd(), soak.heapCommittedAtFirst() >> 20,
                    soak.heapCommittedAtEnd() >> 20));
        }
        return md.toString();
    }

    /** Appends {@link #markdown()} to {@code file} (created if missing). */
    public void appendTo(Path file) {
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, "# Benchmark runs\n\nAppended by `whetstone bench`, one section a run; BENCHMARKS.md summarises them.\n");
            }
            Files.writeString(file, markdown(), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    private static void row(StringBuilder md, String name, double ours, double torch, String format) {
        String t = Double.isNaN(torch) ? "—" : String.format(Locale.ROOT, format, torch);
        String ratio = Double.isNaN(torch) ? "" : String.format(Locale.ROOT, "%.2f×", ours / torch);
        md.append(String.format(Locale.ROOT, "| %s | " + format + " | %s | %s |%n", name, ours, t, ratio));
    }

    private static String step(BenchResult.ContenderResult c) {
        Timings t = c.trainStep();
        return String.format(Locale.ROOT, "%.3f s (%.3f–%.3f, %.0f%%)", t.median(), t.min(), t.max(), t.spreadPercent());
    }

    /** A fraction as a percentage with two significant digits below 10% (a GPU's MFU can be 0.04%). */
    static String percent(double fraction) {
        double p = 100 * fraction;
        String format = p >= 10 ? "%.0f%%" : p >= 1 ? "%.1f%%" : "%.2f%%";
        return String.format(Locale.ROOT, format, p);
    }
}
