package dev.whetstone.app.engine;

import dev.whetstone.app.cli.WhetstoneCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start this program again as a child with the same Java runtime and class path: {@code java -cp} from
 * {@code java.home} when that runtime has a {@code java} command (a build, {@code java -jar}), else the executable
 * this process was started from (an installed app, whose trimmed runtime has no {@code java} and whose launcher
 * takes the same commands). Nothing is looked up on {@code PATH}.
 *
 * <p>{@code new ProcessBuilder(ThisProgram.current().command("serve", "--port", "0"))}
 *
 * @param javaCommand the runtime's {@code java}, or null when it has none
 * @param classPath   this JVM's class path
 * @param launcher    the executable that started this process (used when there is no {@code java})
 */
public record ThisProgram(Path javaCommand, String classPath, String launcher) {

    /** This process: {@code java.home}, {@code java.class.path}, and the command {@link ProcessHandle} reports. */
    public static ThisProgram current() {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        return new ThisProgram(Files.isExecutable(java) ? java : null, System.getProperty("java.class.path"),
                ProcessHandle.current().info().command().orElse(null));
    }

    /** The command line that runs {@code whetstone <args>} in a child with this runtime and class path. */
    public List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        if (javaCommand != null) {
            command.add(javaCommand.toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classPath);
            command.add(WhetstoneCommand.class.getName());
        } else {
            command.add(Optional.ofNullable(launcher).orElseThrow(() -> new IllegalStateException(
                    "this Java runtime has no java command and the launcher of this process is unknown, so no engine "
                            + "process can be started; choose \"In this process\" as the engine")));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
