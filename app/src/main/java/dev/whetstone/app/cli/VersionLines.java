package dev.whetstone.app.cli;

import dev.whetstone.app.about.AboutFacts;
import dev.whetstone.engine.EngineOptions;
import picocli.CommandLine.IVersionProvider;

/** {@code whetstone --version}: the build's version, then Java, libtorch and the folders (no native library loads). */
final class VersionLines implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return AboutFacts.of(EngineOptions.defaultHome()).lines().toArray(String[]::new);
    }
}
