package dev.whetstone.app.cli;

import dev.whetstone.app.WhetstoneApp;
import dev.whetstone.engine.WorkbenchException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whetstone app}: opens the desktop window and returns when it closes. */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Open the desktop app (also what `whetstone` with no command does on a desktop).")
final class AppCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine = new EngineOptionsMixin();

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Open the window, wait until every pane shows its"
            + " first data, save the window to FILE (PNG) and close: a check that the app starts.")
    Path screenshot;

    @Override
    public Integer call() {
        if (!DesktopDisplay.available()) {
            throw new WorkbenchException("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset);"
                    + " run it on a desktop, under `xvfb-run -a`, or use the command line (whetstone --help)");
        }
        if (screenshot != null) {
            WhetstoneApp.openForScreenshot(engine.toOptions(), screenshot);
        } else {
            WhetstoneApp.open(engine.toOptions());
        }
        return 0;
    }
}
