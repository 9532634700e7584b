package dev.whetstone.engine.preference;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.TensorData;
import java.util.List;

/** A reply's log-probability: the sum of its tokens' logprobs, each weighted by the datum's {@code weights} (1 on the reply). */
public final class SequenceLogprobs {

    private SequenceLogprobs() {
    }

    /** One weighted sum per datum, from the {@code logprobs} outputs of a forward pass over {@code data}. */
    public static double[] of(List<Datum> data, ForwardBackwardOutput out) {
        double[] sums = new double[data.size()];
        for (int i = 0; i < sums.length; i++) {
            TensorData logprobs = out.lossFnOutputs().get(i).get("logprobs");
            float[] weights = data.get(i).input("weights").floats();
            double sum = 0;
            for (int t = 0; t < weights.length; t++) {
                sum += weights[t] * logprobs.doubleAt(t);
            }
            sums[i] = sum;
        }
        return sums;
    }
}
