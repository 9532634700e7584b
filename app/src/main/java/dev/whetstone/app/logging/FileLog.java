package dev.whetstone.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import java.io.IOException;
import java.io.InputStream;
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
 * and errors, one line each. The configuration is {@code whetstone-logback.xml} beside this class.
 *
 * <p>{@code FileLog.start(EngineOptions.defaultHome())} once, at the entry point, before the work begins.
 */
public final class FileLog {
    private static final String CONFIG = "whetstone-logback.xml";

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
        context.putProperty("LOG_DIR", folder.toString());
        context.putProperty("PID", Long.toString(ProcessHandle.current().pid()));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try (InputStream config = FileLog.class.getResourceAsStream(CONFIG)) {
            configurator.doConfigure(Objects.requireNonNull(config, CONFIG));
        } catch (IOException | JoranException e) {
            return "the logging configuration did not load: " + e.getMessage();
        }
        StatusUtil status = new StatusUtil(context);
        if (!status.isErrorFree(status.timeOfLastReset())) {
            return "logback could not write under " + folder;
        }
        return null;
    }

    /** The fallback: warnings and errors of every logger on the terminal, nothing else. */
    private static void terminalOnly(LoggerContext context) {
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("whetstone: %level: %msg%n%nopex");
        encoder.start();
        ConsoleAppender<ILoggingEvent> terminal = new ConsoleAppender<>();
        terminal.setContext(context);
        terminal.setTarget("System.err");
        terminal.setEncoder(encoder);
        terminal.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(terminal);
    }
}
