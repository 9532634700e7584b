package dev.whetstone.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.whetstone.app.fx.FxBridge;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.slf4j.LoggerFactory;

/** Uncaught exceptions on a worker and on the FX thread: logged, shown, copyable, and the window stays. */
@ExtendWith(ApplicationExtension.class)
class CrashDialogTest extends FxRobot {
    private static final Path LOGS = Path.of("/home/someone/.whetstone/logs");

    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Stage stage;
    private Thread.UncaughtExceptionHandler previousDefault;
    private Thread.UncaughtExceptionHandler previousFx;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("the window")), 400, 300));
        stage.show();
    }

    @BeforeEach
    void install() throws Exception {
        logged.start();
        ((Logger) LoggerFactory.getLogger(CrashReporter.class)).addAppender(logged);
        previousDefault = Thread.getDefaultUncaughtExceptionHandler();
        WaitForAsyncUtils.asyncFx(() -> {
            previousFx = Thread.currentThread().getUncaughtExceptionHandler();
            CrashDialog dialog = new CrashDialog(stage, List.of("whetstone 9.9.9", "java:        17"), LOGS, opened::add);
            new CrashReporter(FxBridge.onFxThread(), dialog::show, Clock.systemUTC()).install();
        }).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void restore() throws Exception {
        ((Logger) LoggerFactory.getLogger(CrashReporter.class)).detachAppender(logged);
        Thread.setDefaultUncaughtExceptionHandler(previousDefault);
        WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().setUncaughtExceptionHandler(previousFx))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWorkersExceptionIsLoggedAndShownWithCopyableDetails() throws Exception {
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("the queue file vanished (expected by the test)");
        }, "whetstone-worker-7");
        worker.start();
        worker.join();
        // the dialog's window shows after its nodes exist: wait until its buttons can be clicked
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#crash-copy").tryQuery().map(Node::isVisible).orElse(false)
                && lookup("#crash-copy").query().getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#crash-summary").queryAs(Label.class).getText())
                .isEqualTo("the queue file vanished (expected by the test)");
        String details = lookup("#crash-details").queryAs(TextArea.class).getText();
        assertThat(details).startsWith("whetstone 9.9.9").contains("thread:      whetstone-worker-7")
                .contains("java.lang.IllegalStateException: the queue file vanished").contains("\tat ");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("Uncaught on thread whetstone-worker-7");
            assertThat(event.getThrowableProxy().getMessage()).contains("the queue file vanished");
        });

        clickOn("#crash-copy");
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(10, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(details);
        clickOn("#crash-open-logs");
        assertThat(opened).containsExactly(LOGS);
        assertThat(lookup("#crash-summary").tryQuery()).as("the dialog stays open after both").isPresent();
        assertThat(stage.isShowing()).isTrue();
    }

    @Test
    void anFxThreadExceptionIsShownAndLaterOnesAreCountedInTheOpenDialog() throws Exception {
        Platform.runLater(() -> {
            throw new IllegalArgumentException("a cell factory failed (expected by the test)");
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#crash-summary").tryQuery().isPresent());
        assertThat(lookup("#crash-summary").queryAs(Label.class).getText()).contains("a cell factory failed");

        Platform.runLater(() -> {
            throw new IllegalArgumentException("and again (expected by the test)");
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#crash-more").queryAs(Label.class).isVisible());

        assertThat(lookup("#crash-more").queryAs(Label.class).getText()).isEqualTo("1 more error since; each is in the log.");
        assertThat(lookup("#crash-summary").queryAs(Label.class).getText()).as("the first stays on screen")
                .contains("a cell factory failed");
        assertThat(logged.list).hasSize(2);
        assertThat(stage.isShowing()).isTrue();
    }
}
