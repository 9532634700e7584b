package dev.whetstone.app.cli;

import dev.whetstone.app.about.BuildInfo;
import dev.whetstone.app.install.LibtorchChoice;
import dev.whetstone.app.logging.FileLog;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The {@code whetstone} command line: {@code java -jar app/target/whetstone.jar <command> [options]}.
 * With no command it opens the desktop app when there is a display, and prints this help when there is none.
 * Exit codes: 0 success, 2 bad input (a one-line message naming the fix), 1 failure during work.
 */
@Command(name = "whetstone", mixinStandardHelpOptions = true, versionProvider = VersionLines.class,
        scope = CommandLine.ScopeType.INHERIT,   // every subcommand answers --help (and --version), as CLI.md pins
        description = "Fine-tune language models on your own machine with Tinker's training API.",
        subcommands = {AppCommand.class, DoctorCommand.class, TrainCommand.class, RunsCommand.class, LintCommand.class,
                SampleCommand.class, ExportCommand.class, MergeCommand.class, BenchCommand.class, StarterCommand.class, ServeCommand.class,
                PullCommand.class, CommandLine.HelpCommand.class})
public final class WhetstoneCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * The process's entry point: picks the libtorch before the engine loads, sends logging to the engine home's
     * log file once the arguments name the home, and logs what no thread caught.
     */
    public static void main(String[] args) {
        LibtorchChoice.applyForThisProcess();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                LoggerFactory.getLogger(WhetstoneCommand.class).error("Uncaught on thread {}: {}", thread.getName(), error.toString(), error));
        System.exit(commandLine().setExecutionStrategy(WhetstoneCommand::logThenRun).execute(args));
    }

    /** Runs the command line in this process's logging and returns its exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree with its exit-code handlers. */
    static CommandLine commandLine() {
        System.setProperty("OPT_OUT_TRACKING", "true");   // DJL must not probe the network on start
        return new CommandLine(new WhetstoneCommand())
                .setExecutionExceptionHandler(new FailureHandler())
                .setParameterExceptionHandler(new BadInputHandler());
    }

    private static int logThenRun(ParseResult parsed) {
        if (!helpRequested(parsed)) {
            FileLog.start(EngineOptionsMixin.homeOf(parsed));
            LoggerFactory.getLogger(WhetstoneCommand.class).info("whetstone {} started: {} (pid {})",
                    BuildInfo.current().version(), String.join(" ", parsed.originalArgs()), ProcessHandle.current().pid());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static boolean helpRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()
                    || level.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        if (DesktopDisplay.available()) {
            new AppCommand().call();
            return;
        }
        spec.commandLine().usage(System.out);
        System.out.println("\nNo display found, so no window opened; on a desktop, `whetstone` alone opens the app.");
    }
}
