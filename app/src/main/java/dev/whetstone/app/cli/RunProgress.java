package dev.whetstone.app.cli;

import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunOutcome;
import java.io.PrintWriter;

/**
 * Follows a run on the terminal until it ends: a progress bar redrawn in place on a console, one plain
 * line per step otherwise (logs, pipes); events (evaluations, checkpoints, divergence) as their own lines.
 */
final class RunProgress {
    private final PrintWriter out;
    private final boolean console;
    private final long totalSteps;

    RunProgress(PrintWriter out, boolean console, long totalSteps) {
        this.out = out;
        this.console = console;
        this.totalSteps = totalSteps;
    }

    /** Prints until the run ends; returns its outcome. */
    RunOutcome follow(RunHandle run) {
        run.onMetrics(this::metrics);
        run.onEvent(entry -> {
            event(entry.event());
            if (entry.event() instanceof RunEvent.RunPaused) {
                run.controls().stop();   // nobody can press Resume in a terminal: end the command, keep the run resumable
            }
        });
        RunOutcome outcome = run.completion().join();
        if (console) {
            out.println();
        }
        out.printf("run %s %s after %d steps: loss %.4f%s%n", run.runId(), outcome.status(), outcome.steps(), outcome.finalLoss(),
                outcome.finalEvalLoss() == null ? "" : String.format(", eval loss %.4f", outcome.finalEvalLoss()));
        if (outcome.finalCheckpoint() != null) {
            out.println("last checkpoint: " + outcome.finalCheckpoint());
        }
        if (outcome.message() != null) {
            out.println("reason: " + outcome.message());
        }
        out.flush();
        return outcome;
    }

    private synchronized void metrics(MetricsLine line) {
        if (!(line instanceof MetricsLine.TrainingStep s)) {
            return;
        }
        long step = s.step();
        String stats = String.format("step %d/%d  loss %.4f%s  lr %.2e  grad %.3f  %.0f tok/s  ETA %s", step, totalSteps,
                s.loss(), methodStats(s), s.lr(), s.gradNorm(), s.tokensPerS(), duration(s.etaS()));
        if (console) {
            int width = 30;
            int filled = (int) Math.round(width * step / (double) Math.max(1, totalSteps));
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + stats + "   ");
        } else {
            out.println(stats);
        }
        out.flush();
    }

    /** DPO's step accuracy and GRPO's mean reward after the loss; nothing for SFT. */
    private static String methodStats(MetricsLine.TrainingStep line) {
        if (line instanceof MetricsLine.DpoStep d) {
            return String.format("  accuracy %.2f  margin %.3f", d.accuracy(), d.margin());
        }
        if (line instanceof MetricsLine.GrpoStep g) {
            return String.format("  reward %.3f ± %.3f", g.rewardMean(), g.rewardStd());
        }
        return "";
    }

    private synchronized void event(RunEvent event) {
        String text = null;
        if (event instanceof RunEvent.EvalCompleted e) {
            text = String.format("eval at step %d: loss %.4f", e.step(), e.evalLoss());
        } else if (event instanceof RunEvent.MetricEvaluated m) {
            text = String.format(java.util.Locale.ROOT, "%s at step %d: %.3f", m.name(), m.step(), m.value());
        } else if (event instanceof RunEvent.CheckpointSaved c) {
            text = "checkpoint " + c.name() + " at step " + c.step() + ": " + c.statePath();
        } else if (event instanceof RunEvent.DivergenceDetected d) {
            text = "divergence at step " + d.step() + " (" + d.what() + " = " + d.value() + "): " + d.suggestion();
        } else if (event instanceof RunEvent.RolledBack r) {
            text = "rolled back to step " + r.toStep() + " (" + r.checkpoint() + ")";
        } else if (event instanceof RunEvent.EngineLost lost) {
            text = "engine lost after step " + lost.step() + ": " + lost.message();
        } else if (event instanceof RunEvent.RunResumed r && r.fromStep() > 0) {
            text = "resumed at step " + r.fromStep() + " from " + r.checkpoint();
        } else if (event instanceof RunEvent.RunPaused p) {
            text = "paused at step " + p.step() + ": " + p.reason() + " (continue later with: whetstone runs resume <id> [--lr X])";
        }
        if (text != null) {
            out.println((console ? "\r" : "") + text);
            out.flush();
        }
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
