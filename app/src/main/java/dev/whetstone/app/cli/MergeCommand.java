package dev.whetstone.app.cli;

import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whetstone merge PATH --out DIR}: the adapter merged into a full Hugging Face model folder. */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge a checkpoint's adapter into its base model and write a full Hugging Face folder.")
final class MergeCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A tinker:// checkpoint path.")
    String path;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new model folder (must not exist).")
    Path out;

    @Override
    public Integer call() {
        try (ServiceClient service = ServiceClient.local(engine.toOptions())) {
            spec.commandLine().getOut().println(service.checkpoints().merge(path, out).join().toAbsolutePath());
        }
        return 0;
    }
}
