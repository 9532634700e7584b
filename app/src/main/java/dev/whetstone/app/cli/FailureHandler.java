package dev.whetstone.app.cli;

import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.ModelFormatException;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.tokenizer.ChatTemplateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * Maps failures to the pinned exit codes, with one line on stderr: 2 for bad input (a wrong value, a dataset,
 * model folder, chat template or checkpoint the user named that cannot be used), 1 for a failure during work.
 * Only an unexpected exception (a bug) adds its stack trace.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        boolean expected = cause instanceof WorkbenchException || cause instanceof IllegalArgumentException;
        commandLine.getErr().println("whetstone: " + (expected ? message(cause) : "unexpected " + cause.getClass().getSimpleName()
                + ": " + message(cause) + " (a bug; please report it with the trace below)"));
        if (!expected) {
            cause.printStackTrace(commandLine.getErr());
        }
        return isBadInput(cause) ? BAD_INPUT : FAILURE;
    }

    /** Whether {@code failure} is the user's input rather than the work going wrong. */
    static boolean isBadInput(Throwable failure) {
        return failure instanceof IllegalArgumentException || failure instanceof DatasetException
                || failure instanceof ModelFormatException || failure instanceof ChatTemplateException
                || failure instanceof CheckpointNotFoundException;
    }

    /** The message on one line (a multi-line message keeps its first line). */
    private static String message(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
