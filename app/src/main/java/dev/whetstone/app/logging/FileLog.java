package dev.whetstone.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The app's log: one file a day under {@code <engine home>/logs} with every line (Whetstone's, DJL's, and
 * JavaFX's through {@code java.util.logging}), kept 14 days; the terminal gets only Whetstone's own warnings
 * and errors, one line each. Configured in code, not by logback's XML reader: parsing XML cost the app's start
 * about a tenth of a second.
 *
 * <p>{@code FileLog.start(EngineOptions.defaultHome())} once, at the entry point, before the work begins.
 */
public final class FileLog {
    private static final String TERMINAL_PATTERN = "whetstone: %replace(%replace(%level){'WARN','warning'}){'ERROR','error'}: "
            + "%msg%n%nopex";
    private static final int DAYS_KEPT = 14;
    private static final String SIZE_CAP = "200MB";

    private FileLog() {
    }

    /** The folder the log files are written to: {@code <home>/logs}. */
    public static Path folder(Path home) {
        return home.resolve("logs");
    }

    /** The newest log file under {@code <home>/logs}, if one was written. */
    public static Optional<Path> newest(Path home) {
        Path folder = folder(home);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("whetstone-.*\\.log"))
                    .max(java.util.Comparator.comparing(file -> file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the log folder " + folder, e);
        }
    }

    /**
     * Sends the process's logging to {@code <home>/logs} (replacing whatever was configured) and
     * {@code java.util.logging} into it. If the folder cannot be written, logging stays on the terminal and
     * one warning says why.
     */
    public static void start(Path home) {
        Objects.requireNonNull(home, "home");
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;   // another SLF4J backend (a test's): leave it as it is
        }
        Path folder = folder(home).toAbsolutePath();
        String problem = configure(context, folder);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (problem != null) {
            terminalOnly(context);
            LoggerFactory.getLogger(FileLog.class).warn("no log file ({}); warnings go to the terminal", problem);
        }
    }

    /** Loads the configuration with LOG_DIR = {@code folder}; returns why the file cannot be written, or null. */
    private static String configure(LoggerContext context, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return "cannot create " + folder + ": " + e;
        }
        if (!Files.isWritable(folder)) {
            return folder + " is not writable";
        }
        context.reset();
        LevelChangePropagator julLevels = new LevelChangePropagator();   // java.util.logging follows the levels below
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(dailyFile(context, folder));   // every logger, libraries too
        ch.qos.logback.classic.Logger ours = context.getLogger("dev.whetstone");
        ours.setLevel(Level.INFO);
        ours.addAppender(terminal(context, Level.WARN, TERMINAL_PATTERN));
        StatusUtil status = new StatusUtil(context);
        if (!status.isErrorFree(status.timeOfLastReset())) {
            return "logback could not write under " + folder;
        }
        return null;
    }

    /**
     * One file a day under {@code folder}, {@value #DAYS_KEPT} days and {@value #SIZE_CAP} kept, each line with the
     * pid. Prudent: the window, a detached {@code train} and an engine child process may append at the same time.
     */
    private static RollingFileAppender<ILoggingEvent> dailyFile(LoggerContext context, Path folder) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setPrudent(true);
        file.setEncoder(encoder(context, "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] pid=" + ProcessHandle.current().pid()
                + " %logger{36} - %msg%n"));
        TimeBasedRollingPolicy<ILoggingEvent> daily = new TimeBasedRollingPolicy<>();
        daily.setContext(context);
        daily.setParent(file);
        // forward slashes: a backslash escapes in logback's patterns (Windows reads either)
        daily.setFileNamePattern(folder.toString().replace('\\', '/') + "/whetstone-%d{yyyy-MM-dd}.log");
        daily.setMaxHistory(DAYS_KEPT);
        daily.setTotalSizeCap(FileSize.valueOf(SIZE_CAP));
        daily.start();
        file.setRollingPolicy(daily);
        file.start();
        return file;
    }

    /** Lines at {@code threshold} and above on standard error, in {@code pattern}. */
    private static ConsoleAppender<ILoggingEvent> terminal(LoggerContext context, Level threshold, String pattern) {
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(threshold.levelStr);
        filter.start();
        ConsoleAppender<ILoggingEvent> terminal = new ConsoleAppender<>();
        terminal.setContext(context);
        terminal.setName("TERMINAL");
        terminal.setTarget("System.err");
        terminal.addFilter(filter);
        terminal.setEncoder(encoder(context, pattern));
        terminal.start();
        return terminal;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /** The fallback: warnings and errors of every logger on the terminal, nothing else. */
    private static void terminalOnly(LoggerContext context) {
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(terminal(context, Level.WARN, "whetstone: %level: %msg%n%nopex"));
    }
}
