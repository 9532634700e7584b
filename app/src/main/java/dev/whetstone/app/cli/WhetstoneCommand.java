package dev.whetstone.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code whetstone} command line: {@code java -jar app/target/whetstone.jar <command> [options]}.
 * With no command it opens the desktop app when there is a display, and prints this help when there is none.
 * Exit codes: 0 success, 2 bad input (a one-line message naming the fix), 1 failure during work.
 */
@Command(name = "whetstone", mixinStandardHelpOptions = true, version = "whetstone 0.1.0",
        description = "Fine-tune language models on your own machine with Tinker's training API.",
        subcommands = {AppCommand.class, DoctorCommand.class, TrainCommand.class, RunsCommand.class, LintCommand.class,
                SampleCommand.class, ExportCommand.class, MergeCommand.class, BenchCommand.class, StarterCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class WhetstoneCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        System.setProperty("OPT_OUT_TRACKING", "true");   // DJL must not probe the network on start
        CommandLine commandLine = new CommandLine(new WhetstoneCommand())
                .setExecutionExceptionHandler(new FailureHandler())
                .setParameterExceptionHandler(new BadInputHandler());
        return commandLine.execute(args);
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
