package dev.whetstone.app.cli;

import dev.whetstone.engine.WorkbenchException;
import picocli.CommandLine;

/** Maps failures to the pinned exit codes: 2 for bad input, 1 for a failure during work; one line on stderr. */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable cause = e;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        commandLine.getErr().println("whetstone: " + cause.getMessage());
        if (cause instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        if (!(cause instanceof WorkbenchException)) {
            cause.printStackTrace(commandLine.getErr());
        }
        return FAILURE;
    }
}
