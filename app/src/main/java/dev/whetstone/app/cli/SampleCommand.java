package dev.whetstone.app.cli;

import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.SamplingClient;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.Tokenizer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whetstone sample}: print samples from a base model or a checkpoint. */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Sample from a base model, or from a checkpoint (tinker:// path or PEFT folder) on it.")
final class SampleCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Mixin
    EngineChoiceMixin engineChoice;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "Base model: a Hugging Face folder or repo id (not needed with --checkpoint, "
            + "which names its base model).")
    String model;

    @Option(names = "--checkpoint", description = "A tinker:// checkpoint path or a PEFT adapter folder.")
    String checkpoint;

    @Option(names = "--prompt", required = true, description = "The prompt text.")
    String prompt;

    @Option(names = "--chat", description = "Render the prompt as a user message with the model's chat template.")
    boolean chat;

    @Option(names = "--max-tokens", defaultValue = "128", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature > 0 (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass in (0, 1] (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", defaultValue = "-1", description = "Keep the k most likely tokens; -1 = off (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", description = "Random seed: the same seed gives the same samples.")
    Long seed;

    @Option(names = "--num-samples", defaultValue = "1", description = "Independent samples (default: ${DEFAULT-VALUE}).")
    int numSamples;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SamplingParams params = SamplingParams.defaults().withMaxTokens(maxTokens).withTemperature(temperature)
                .withTopP(topP).withTopK(topK).withSeed(seed);
        try (ServiceClient service = engineChoice.open(engine.toOptions())) {
            if (checkpoint == null && model == null) {
                throw new IllegalArgumentException("give --model (a base model) or --checkpoint (a tinker:// path or PEFT folder)");
            }
            SamplingClient sampler = service.createSamplingClient(checkpoint != null ? checkpoint : model);
            Tokenizer tokenizer = sampler.getTokenizer();
            String text = chat ? ChatPrompt.render(tokenizer, prompt) : prompt;
            SampleResponse response = sampler.sample(ModelInput.fromInts(tokenizer.encode(text)), numSamples, params).join();
            long unknown = 0;
            for (int i = 0; i < response.sequences().size(); i++) {
                SampledSequence s = response.sequences().get(i);
                if (numSamples > 1) {
                    out.println("--- sample " + (i + 1) + " (" + s.stopReason().name().toLowerCase() + ", " + s.tokens().size() + " tokens)");
                }
                out.println(tokenizer.decodeShowingUnknown(s.tokenArray(), true));
                unknown += s.tokens().stream().filter(id -> !tokenizer.hasToken(id)).count();
            }
            if (unknown > 0) {
                spec.commandLine().getErr().println("note: " + unknown + " sampled token(s) are ids the tokenizer has no token"
                        + " for (the model's vocabulary is padded past the tokenizer's last id); shown as [unknown id N]");
            }
        }
        out.flush();
        return 0;
    }
}
