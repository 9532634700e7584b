package dev.whetstone.app.playground;

import dev.whetstone.engine.SamplingParams;
import java.util.Arrays;
import java.util.List;

/**
 * The playground's sampling settings as the user typed them; {@link #params()} validates them through
 * {@link SamplingParams}, whose messages name the value and its range.
 *
 * @param temperature 0 is greedy (the most likely token each step)
 * @param topP        nucleus mass in (0, 1]
 * @param topK        0 or less is off
 * @param maxTokens   tokens to generate per sample; 0 or less is no limit but the model's context
 * @param stopStrings comma-separated, blank for none
 * @param seed        the seed, or null for a fresh one each time
 * @param numSamples  samples per model
 */
public record SampleSettings(double temperature, double topP, int topK, int maxTokens, String stopStrings, Long seed,
                             int numSamples) {

    /** The defaults the pane opens with. */
    public static SampleSettings defaults() {
        return new SampleSettings(0.7, 0.95, 0, 64, "", 1L, 1);
    }

    /**
     * The engine's sampling parameters. The pane's "off" and "greedy" become the engine's spelling: top-k 0
     * is {@code -1} (no limit), temperature 0 is top-k 1 at temperature 1 (the engine needs a temperature > 0).
     */
    public SamplingParams params() {
        List<String> stops = Arrays.stream(stopStrings.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        SamplingParams params = SamplingParams.defaults().withMaxTokens(maxTokens > 0 ? maxTokens : null).withTopP(topP).withSeed(seed)
                .withStopStrings(stops);
        return temperature == 0 ? params.withTopK(1) : params.withTemperature(temperature).withTopK(topK <= 0 ? -1 : topK);
    }
}
