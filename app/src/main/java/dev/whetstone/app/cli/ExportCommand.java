package dev.whetstone.app.cli;

import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whetstone export PATH --peft DIR | --tar FILE}: a checkpoint's adapter as a PEFT folder or Tinker tar. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a checkpoint's adapter as a PEFT folder (--peft) or a Tinker-style tar (--tar).")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A tinker://<run-id>/(weights|sampler_weights)/<name> path.")
    String path;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--peft", paramLabel = "DIR", description = "Write a PEFT adapter folder (must not exist).")
        Path peft;

        @Option(names = "--tar", paramLabel = "FILE", description = "Write a tar with adapter_model.safetensors, adapter_config.json, checkpoint_complete.")
        Path tar;
    }

    @Override
    public Integer call() {
        try (ServiceClient service = ServiceClient.local(engine.toOptions())) {
            Path written = target.peft != null
                    ? service.checkpoints().exportPeft(path, target.peft).join()
                    : service.checkpoints().exportTar(path, target.tar).join();
            spec.commandLine().getOut().println(written.toAbsolutePath());
        }
        return 0;
    }
}
