package dev.whetstone.app.cli;

import picocli.CommandLine;

/** Unknown options or bad values: one line naming the problem and the fix, exit code 2. */
final class BadInputHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String help = cmd.getParent() == null ? "whetstone --help" : "whetstone " + cmd.getCommandName() + " --help";
        cmd.getErr().println("whetstone: " + e.getMessage() + " (see: " + help + ")");
        return FailureHandler.BAD_INPUT;
    }
}
