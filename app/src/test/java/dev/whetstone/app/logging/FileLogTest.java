package dev.whetstone.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The app's log: every line in the engine home's file, only Whetstone's warnings on the terminal. */
class FileLogTest {

    @AfterEach
    void backToTheTestsLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void libraryLinesGoToTheFileAndOnlyWhetstonesWarningsToTheTerminal(@TempDir Path home) throws IOException {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        try {
            FileLog.start(home);
            LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").warn("Failed to detect GPU count");
            LoggerFactory.getLogger("ai.djl.pytorch.engine.PtEngine").info("Number of intra-op threads is 2");
            java.util.logging.Logger.getLogger("javafx.css").warning("Could not resolve '-color-bg'");
            LoggerFactory.getLogger("dev.whetstone.engine.run.RunSupervisor").info("step 1 done");
            LoggerFactory.getLogger("dev.whetstone.engine.local.DeviceSelection")
                    .warn("An NVIDIA driver is installed but libtorch sees no CUDA device", new IllegalStateException("why"));
        } finally {
            System.setErr(oldErr);
        }

        Path file = FileLog.newest(home).orElseThrow();
        assertThat(file.getParent()).isEqualTo(home.resolve("logs").toAbsolutePath());
        assertThat(Files.readString(file)).contains("Failed to detect GPU count").contains("intra-op threads")
                .contains("Could not resolve '-color-bg'").contains("step 1 done")
                .contains("java.lang.IllegalStateException: why").contains("pid=" + ProcessHandle.current().pid());
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo("whetstone: warning: An NVIDIA driver is installed but libtorch sees no CUDA device"
                        + System.lineSeparator());
    }

    @Test
    void anUnwritableHomeKeepsWarningsOnTheTerminal(@TempDir Path tmp) throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("home"), "a file where the home should be");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        try {
            FileLog.start(notAFolder);
            LoggerFactory.getLogger("dev.whetstone.app").warn("still seen");
        } finally {
            System.setErr(oldErr);
        }

        assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("no log file").contains(notAFolder.toString())
                .contains("still seen");
    }
}
