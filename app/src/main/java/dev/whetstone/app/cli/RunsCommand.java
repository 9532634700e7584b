package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.checkpoint.LocalCheckpointStore;
import dev.whetstone.engine.checkpoint.RunDirectory;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunOutcome;
import dev.whetstone.engine.run.RunSummary;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whetstone runs list | show ID}: the run journal, read from the run folders. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs, show one, resume an interrupted one or extend a finished one.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class, RunsCommand.ResumeRun.class,
                RunsCommand.ExtendRun.class})
final class RunsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every run under the engine home, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Mixin
        EngineOptionsMixin engine;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path runs = engine.toOptions().home().resolve("runs");
            out.printf("%-32s %-14s %-13s %-10s %s%n", "RUN", "STATUS", "STEP", "LOSS", "MODEL");
            for (RunSummary run : RunSummary.list(runs)) {
                out.printf("%-32s %-14s %-13s %-10s %s%n", run.runId(), run.status(), run.step() + "/" + run.totalSteps(),
                        Double.isNaN(run.lastLoss()) ? "-" : String.format("%.4f", run.lastLoss()), run.baseModel());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One run: its config, progress and checkpoints.")
    static final class ShowRun implements Callable<Integer> {
        @Mixin
        EngineOptionsMixin engine;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The run id.")
        String runId;

        @Override
        public Integer call() throws Exception {
            EngineOptions options = engine.toOptions();
            Path dir = RunDirectory.of(options.home().resolve("runs"), runId);
            if (!Files.isRegularFile(dir.resolve(RunJournal.RUN_FILE))) {
                throw new IllegalArgumentException("there is no run '" + runId + "' under " + options.home().resolve("runs")
                        + " (whetstone runs list shows them)");
            }
            PrintWriter out = spec.commandLine().getOut();
            RunSummary run = RunSummary.of(dir);
            out.println("run:        " + run.runId());
            out.println("status:     " + run.status());
            out.println("step:       " + run.step() + " / " + run.totalSteps());
            out.println("loss:       " + (Double.isNaN(run.lastLoss()) ? "-" : String.format("%.4f", run.lastLoss())));
            out.println("eval loss:  " + (Double.isNaN(run.lastEvalLoss()) ? "-" : String.format("%.4f", run.lastEvalLoss())));
            out.println("model:      " + run.baseModel());
            out.println("folder:     " + dir);
            out.println("checkpoints:");
            Set<String> onDisk = new HashSet<>();
            try (LocalCheckpointStore store = new LocalCheckpointStore(options.home())) {
                store.listCheckpoints(runId).forEach(c -> onDisk.add(c.tinkerPath()));
            }
            // the journal drops what retention deletes; a run killed while pruning may still name one that is gone
            RunJournal.checkpoints(dir).stream().filter(c -> onDisk.contains(c.statePath().toString()))
                    .forEach(c -> out.println("  step " + c.step() + "  " + c.statePath()));
            out.println("config:");
            out.println(Files.readString(dir.resolve(RunJournal.RUN_FILE)));
            out.flush();
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue an interrupted, stopped or paused run from its last complete checkpoint.")
    static final class ResumeRun implements Callable<Integer> {
        @Mixin
        EngineOptionsMixin engine;

        @Mixin
        EngineChoiceMixin engineChoice;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The run id.")
        String runId;

        @Option(names = "--lr", description = "A new peak learning rate (e.g. after the divergence guard paused the run).")
        Double lr;

        @Override
        public Integer call() {
            return continueRun(engine, engineChoice, spec, runId, lr, null);
        }
    }

    @Command(name = "extend", mixinStandardHelpOptions = true, description = "Train a finished run for more steps, from its last checkpoint.")
    static final class ExtendRun implements Callable<Integer> {
        @Mixin
        EngineOptionsMixin engine;

        @Mixin
        EngineChoiceMixin engineChoice;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The run id.")
        String runId;

        @Option(names = "--steps", required = true, description = "Additional optimizer steps.")
        int steps;

        @Override
        public Integer call() {
            return continueRun(engine, engineChoice, spec, runId, null, steps);
        }
    }

    private static int continueRun(EngineOptionsMixin engine, EngineChoiceMixin engineChoice,
                                   picocli.CommandLine.Model.CommandSpec spec, String runId, Double lr, Integer extraSteps) {
        EngineOptions options = engine.toOptions();
        try (ServiceClient service = engineChoice.open(options)) {
            RunSupervisor supervisor = new RunSupervisor(service, options.home());
            if (!supervisor.exists(runId)) {
                throw new IllegalArgumentException("there is no run '" + runId + "' under " + options.home().resolve("runs")
                        + " (whetstone runs list shows them)");
            }
            Path dir = supervisor.runDir(runId);
            TrainingConfig config = RunJournal.readConfig(dir);
            if (lr != null) {
                config = config.withOptimizer(config.schedule(), config.adam().withLearningRate(lr));
                try (RunJournal journal = RunJournal.open(dir)) {
                    journal.rewriteConfig(config);
                }
            }
            TrainingDataLoader.Loaded loaded;
            try (HfTokenizer tokenizer = ModelTokenizer.load(config.baseModel(), options)) {
                loaded = TrainingDataLoader.load(config, tokenizer);
            }
            RunHandle run = extraSteps == null ? supervisor.resume(runId, loaded.data())
                    : supervisor.extend(runId, extraSteps, loaded.data());
            PrintWriter err = spec.commandLine().getErr();
            run.inputChanges().forEach(change -> err.println("warning: " + change.message() + "; the run goes on with it as it is now"));
            err.flush();
            long total = RunJournal.readConfig(dir).totalSteps(loaded.data().examples());
            RunOutcome outcome = new RunProgress(spec.commandLine().getOut(), System.console() != null, total).follow(run);
            return TrainCommand.exitCode(outcome);
        }
    }
}
