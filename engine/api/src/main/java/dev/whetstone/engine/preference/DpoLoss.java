package dev.whetstone.engine.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DPO loss of a batch of preference pairs, for {@code forwardBackwardCustom}: the data are the pairs' datums in
 * order {@code [chosen₀, rejected₀, chosen₁, rejected₁, …]}, each weighted on its reply; with
 * {@code h = (log π(c) − ref(c)) − (log π(r) − ref(r))} per pair, the loss is the mean over pairs of
 * {@code −log σ(β·h)} (sigmoid) or {@code (h − 1/(2β))²} (IPO). Metrics as tinker-cookbook's DPO:
 * {@code dpo_loss}, {@code accuracy} (share of pairs with h > 0), {@code margin} (mean β·h),
 * {@code chosen_reward} and {@code rejected_reward} (mean β·log-ratio of each side).
 *
 * <p>Example: {@code client.forwardBackwardCustom(pairDatums, new DpoLoss(0.1, DpoVariant.SIGMOID, refChosen, refRejected))}
 */
public final class DpoLoss implements CustomLossFn {
    private final double beta;
    private final DpoVariant variant;
    private final double[] referenceChosen;
    private final double[] referenceRejected;

    /**
     * @param beta              the strength of the pull towards the reference, > 0
     * @param referenceChosen   the reference model's log-probability of each pair's chosen reply
     * @param referenceRejected the same for the rejected replies
     */
    public DpoLoss(double beta, DpoVariant variant, double[] referenceChosen, double[] referenceRejected) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be > 0, was " + beta);
        }
        if (referenceChosen.length != referenceRejected.length || referenceChosen.length == 0) {
            throw new IllegalArgumentException("need one chosen and one rejected reference logprob per pair, had "
                    + referenceChosen.length + " and " + referenceRejected.length);
        }
        this.beta = beta;
        this.variant = java.util.Objects.requireNonNull(variant, "variant");
        this.referenceChosen = referenceChosen.clone();
        this.referenceRejected = referenceRejected.clone();
    }

    @Override
    public CustomLoss apply(List<Datum> data, List<NDArray> logprobs) {
        int pairs = referenceChosen.length;
        if (data.size() != 2 * pairs) {
            throw new IllegalArgumentException("DPO takes " + 2 * pairs + " datums (chosen, rejected per pair), was " + data.size());
        }
        NDManager m = logprobs.get(0).getManager();
        List<NDArray> margins = new ArrayList<>(pairs);
        double accuracy = 0;
        double chosenReward = 0;
        double rejectedReward = 0;
        for (int p = 0; p < pairs; p++) {
            // constants as arrays that live until backward (not sub(Number): DJL-NOTES, the scalar bug)
            NDArray chosen = weightedSum(data.get(2 * p), logprobs.get(2 * p)).sub(m.create((float) referenceChosen[p]));
            NDArray rejected = weightedSum(data.get(2 * p + 1), logprobs.get(2 * p + 1)).sub(m.create((float) referenceRejected[p]));
            margins.add(chosen.sub(rejected));
            double c = chosen.getFloat();
            double r = rejected.getFloat();
            accuracy += c > r ? 1 : 0;
            chosenReward += beta * c;
            rejectedReward += beta * r;
        }
        NDArray h = NDArrays.stack(new NDList(margins));                         // [P]
        NDArray perPair = variant == DpoVariant.SIGMOID
                ? Activation.softPlus(h.mul(m.create((float) -beta)))            // −log σ(β·h)
                : h.sub(m.create((float) (1 / (2 * beta)))).square();            // (h − 1/(2β))²
        NDArray loss = perPair.mean();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("dpo_loss:mean", (double) loss.getFloat());
        metrics.put("accuracy:mean", accuracy / pairs);
        metrics.put("margin:mean", (chosenReward - rejectedReward) / pairs);
        metrics.put("chosen_reward:mean", chosenReward / pairs);
        metrics.put("rejected_reward:mean", rejectedReward / pairs);
        return new CustomLoss(loss, metrics);
    }

    private static NDArray weightedSum(Datum datum, NDArray logprobs) {
        NDArray weights = logprobs.getManager().create(datum.input("weights").floats(), logprobs.getShape());
        return logprobs.mul(weights).sum();
    }
}
