package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.data.DatasetLint;
import dev.whetstone.engine.data.DatasetReader;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.TrainOn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of {@link MalformedDatasets} through the dataset layer and through {@code whetstone lint} (with and
 * without a model): no exception escapes, no file hangs, every non-blank line of a JSONL file is either read as a
 * row or reported at its {@code file:line}, the exit code is 0 or 2, and no message shows the JSON library's
 * internals.
 */
class LintFuzzTest {
    private static final String MODEL = Path.of("../engine/local/src/test/resources/golden/qwen3_tied/model")
            .toAbsolutePath().normalize().toString();
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    /** Words that belong to the JSON or CSV library, not to a dataset author. */
    private static final List<String> INTERNALS = List.of("Exception", "Feature", "Constraints", "`", "fasterxml", "[Source",
            "REDACTED", "CTRL-CHAR", "JsonToken", "START_OBJECT", "MappingIterator", "jackson");
    private static final long SECONDS_PER_FILE = 60;
    /** Categories also linted with a model (its tokenizer and chat template), where rows reach the tokenizer. */
    private static final Set<String> WITH_MODEL = Set.of("encodings", "sizes", "nesting", "roles", "wrong-types");

    @Test
    void noMalformedDatasetCrashesHangsOrLosesARow(@TempDir Path dir) throws Exception {
        long wallStart = System.nanoTime();
        long cpuStart = processCpuNanos();
        List<MalformedDatasets.Case> cases = MalformedDatasets.write(dir);
        Set<String> categories = new TreeSet<>();
        List<String> crashes = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        List<String> badExits = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> jargon = new ArrayList<>();
        int withModel = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        try {
            for (MalformedDatasets.Case c : cases) {
                categories.add(c.category());
                String name = c.file().getFileName().toString();
                List<String> findings = new ArrayList<>();
                if (!runBounded(worker, () -> datasetLayer(c, findings), hangs, name + " (reader)")) {
                    continue;
                }
                for (String f : findings) {
                    (f.startsWith("crash") ? crashes : f.startsWith("lost") ? lost : jargon).add(name + ": " + f);
                }
                List<String[]> commands = new ArrayList<>();
                commands.add(new String[] {"lint", c.file().toString()});
                if (WITH_MODEL.contains(c.category()) || name.startsWith("syntax-first-") && name.endsWith("-0.jsonl")) {
                    commands.add(new String[] {"lint", c.file().toString(), "--model", MODEL, "--home", dir.resolve("home").toString()});
                    withModel++;
                }
                for (String[] args : commands) {
                    CommandRun[] run = new CommandRun[1];
                    if (!runBounded(worker, () -> run[0] = CommandRun.of(args), hangs, name + " " + String.join(" ", args))) {
                        continue;
                    }
                    checkCommand(name, args.length > 2, run[0], crashes, badExits, jargon);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("fuzz: %d files (%d also with --model), %d categories %s; crashes %d, hangs %d, exit codes other"
                + " than 0/2: %d, rows lost: %d, library words: %d; %.1f s wall, %.1f s CPU%n", cases.size(), withModel,
                categories.size(), categories, crashes.size(), hangs.size(), badExits.size(), lost.size(), jargon.size(),
                (System.nanoTime() - wallStart) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
        assertThat(cases).hasSizeGreaterThan(300);
        assertThat(crashes).as("crashes").isEmpty();
        assertThat(hangs).as("hangs").isEmpty();
        assertThat(badExits).as("exit codes other than 0 and 2").isEmpty();
        assertThat(lost).as("rows neither read nor reported").isEmpty();
        assertThat(jargon).as("messages with the library's words").isEmpty();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Runs {@code work} on the worker; false (and a hang noted) when it takes too long. */
    private static boolean runBounded(ExecutorService worker, Runnable work, List<String> hangs, String what) throws Exception {
        Future<?> done = worker.submit(work);
        try {
            done.get(SECONDS_PER_FILE, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            done.cancel(true);
            hangs.add(what);
            return false;
        }
    }

    /** Reads and lints the file without a model; adds "crash …", "lost …" or "jargon …" findings. */
    private static void datasetLayer(MalformedDatasets.Case c, List<String> findings) {
        List<Example> rows = new ArrayList<>();
        List<DataProblem> problems = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(c.file())) {
            reader.forEach(rows::add);
            problems.addAll(reader.problems());
            problems.addAll(DatasetLint.withoutModel(TrainOn.ALL_ASSISTANT_MESSAGES).lint(rows).problems());
        } catch (DatasetException e) {
            if (!e.getMessage().contains(c.file().getFileName().toString())) {
                findings.add("crash: a whole-file problem that does not name the file: " + e.getMessage());
            }
            jargon(e.getMessage(), findings);
            return;
        } catch (RuntimeException e) {
            findings.add("crash: " + e);
            return;
        }
        for (DataProblem p : problems) {
            jargon(p.message(), findings);
        }
        if (c.text() == null) {
            return;
        }
        Set<Long> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.source().line()));
        problems.forEach(p -> covered.add(p.where().line()));
        String[] lines = LINE_BREAK.split(c.text(), -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && !covered.contains(i + 1L)) {
                findings.add("lost: line " + (i + 1) + " was neither read nor reported");
            }
        }
    }

    private static void checkCommand(String name, boolean withModel, CommandRun run, List<String> crashes, List<String> badExits,
                                     List<String> jargon) {
        String what = name + (withModel ? " --model" : "");
        if (run.code() != 0 && run.code() != 2) {
            badExits.add(what + ": exit " + run.code() + ": " + run.err());
        }
        if (run.err().contains("\tat ") || run.err().contains("whetstone: unexpected")) {
            crashes.add(what + ": " + run.err().lines().filter(l -> l.startsWith("whetstone")).findFirst().orElse(run.err()));
        }
        List<String> findings = new ArrayList<>();
        run.out().lines().forEach(line -> jargon(line, findings));
        run.err().lines().filter(line -> line.startsWith("whetstone:")).forEach(line -> jargon(line, findings));
        findings.forEach(f -> jargon.add(what + ": " + f));
    }

    private static void jargon(String message, List<String> findings) {
        for (String word : INTERNALS) {
            if (message.contains(word)) {
                findings.add("jargon: \"" + word + "\" in: " + message);
                return;
            }
        }
    }
}
