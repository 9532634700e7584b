package dev.whetstone.app.cli;

import dev.whetstone.app.WhetstoneApp;
import dev.whetstone.engine.WorkbenchException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code whetstone app}: opens the desktop window and returns when it closes. */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Open the desktop app (also what `whetstone` with no command does on a desktop).")
final class AppCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine = new EngineOptionsMixin();

    @Override
    public Integer call() {
        if (!DesktopDisplay.available()) {
            throw new WorkbenchException("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset);"
                    + " run it on a desktop, under `xvfb-run -a`, or use the command line (whetstone --help)");
        }
        WhetstoneApp.open(engine.toOptions());
        return 0;
    }
}
