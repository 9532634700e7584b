package dev.whetstone.app.cli;

import dev.whetstone.app.about.AboutFacts;
import dev.whetstone.engine.EngineOptions;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code whetstone --version}: the build's version, then Java, libtorch and the folders (no native library loads).
 * Worked out once per process: picocli asks for the lines while it builds the command tree, once for every
 * subcommand that inherits {@code --version}, before any command runs.
 */
final class VersionLines implements IVersionProvider {
    private String[] lines;

    @Override
    public synchronized String[] getVersion() {
        if (lines == null) {
            lines = AboutFacts.of(EngineOptions.defaultHome()).lines().toArray(String[]::new);
        }
        return lines.clone();
    }
}
