package dev.whetstone.app.engine;

import dev.whetstone.app.cli.WhetstoneCommand;
import dev.whetstone.app.install.InstalledApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to start this program again as a child (an engine process, a detached run, a run continued in the
 * background): through the installed app's launcher when there is one ({@code jpackage.app-path}), since only the
 * launcher's options point the child at the bundled native libraries and the class-data archive (started as
 * {@code java -cp}, an installed child would look for libtorch under the user's home: a download online, a failure
 * offline); else {@code java -cp} with this runtime and class path (a build, {@code java -jar}). Nothing is looked
 * up on {@code PATH}.
 *
 * <p>{@code ThisProgram.current().processBuilder(List.of("-XX:+ExitOnOutOfMemoryError"), "serve", "--port", "0").start()}
 *
 * @param launcher    the installed app's launcher, or null when this runs from a build
 * @param javaCommand this runtime's {@code java}
 * @param classPath   this JVM's class path
 */
public record ThisProgram(String launcher, Path javaCommand, String classPath) {
    /** The variable every JVM reads options from, whatever launched it: how JVM options reach a launcher's child. */
    static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    /** This process: the launcher jpackage's (or our Linux) launcher names, {@code java.home} and {@code java.class.path}. */
    public static ThisProgram current() {
        return of(System.getProperty(InstalledApp.LAUNCHER_PROPERTY), System.getProperty("java.home"),
                System.getProperty("java.class.path"));
    }

    /** This program for a launcher path (null or blank: a build), a {@code java.home} and a class path. */
    public static ThisProgram of(String launcher, String javaHome, String classPath) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return new ThisProgram(launcher == null || launcher.isBlank() ? null : launcher,
                Path.of(javaHome, "bin", windows ? "java.exe" : "java"), classPath);
    }

    /**
     * The command line that runs {@code whetstone <args>}: the launcher and the arguments, or {@code java}, the
     * JVM options, the class path, the main class and the arguments. (A launcher's child gets the JVM options
     * through the environment: {@link #processBuilder}.)
     */
    public List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        if (launcher != null) {
            command.add(launcher);
        } else {
            command.add(javaCommand.toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classPath);
            command.add(WhetstoneCommand.class.getName());
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A process builder for {@code whetstone <args>} with {@code jvmOptions}: {@link #command}, with the launcher's
     * JVM options appended to {@code JAVA_TOOL_OPTIONS}, and without the mark jpackage's launcher leaves in its
     * JVM's environment (a launcher that inherits it skips its configuration and takes "serve" for a class name).
     */
    public ProcessBuilder processBuilder(List<String> jvmOptions, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("_JPACKAGE"));
        if (launcher != null && !jvmOptions.isEmpty()) {
            String ours = jvmOptions.stream().map(ThisProgram::quoted).collect(Collectors.joining(" "));
            String theirs = env.get(TOOL_OPTIONS);
            env.put(TOOL_OPTIONS, theirs == null || theirs.isBlank() ? ours : theirs + " " + ours);
        }
        return builder;
    }

    /** An option as the JVM splits {@code JAVA_TOOL_OPTIONS}: at white space, outside quotes. */
    private static String quoted(String option) {
        return option.chars().anyMatch(Character::isWhitespace) ? '"' + option + '"' : option;
    }
}
