package dev.whetstone.app.playground;

import dev.whetstone.engine.SamplingParams;
import java.util.Arrays;
import java.util.List;

/**
 * The playground's sampling settings as the user typed them; {@link #params()} validates them through
 * {@link SamplingParams}, whose messages name the value and its range.
 *
 * @param temperature 0 is greedy (top-k 1)
 * @param topP        nucleus mass in (0, 1]
 * @param topK        0 or less is off
 * @param maxTokens   tokens to generate per sample
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

    /** The engine's sampling parameters. */
    public SamplingParams params() {
        List<String> stops = Arrays.stream(stopStrings.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        SamplingParams params = SamplingParams.defaults().withMaxTokens(maxTokens).withTopP(topP).withSeed(seed)
                .withStopStrings(stops);
        // the engine's temperature is > 0; the pane's 0 means greedy, which is top-k 1
        return temperature <= 0 ? params.withTopK(1) : params.withTemperature(temperature).withTopK(topK > 0 ? topK : -1);
    }
}
