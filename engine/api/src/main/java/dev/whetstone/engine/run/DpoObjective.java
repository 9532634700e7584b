package dev.whetstone.engine.run;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.data.PreferencePair;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.preference.DpoLoss;
import dev.whetstone.engine.preference.DpoVariant;
import dev.whetstone.engine.preference.SequenceLogprobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DPO (tinker-cookbook's {@code train_dpo}): each step runs {@link DpoLoss} through {@code forwardBackwardCustom} on
 * the batch's pairs, against reference log-probabilities computed once from the weights the run starts with. The
 * held-out evaluation writes the DPO loss (an {@code eval_loss} line), then a score line each for the share of pairs
 * whose chosen reply the model now finds more likely than the rejected one ({@code eval/preference_accuracy}, the
 * model's own preference) and the share whose implicit reward prefers the chosen ({@code eval/reward_accuracy}).
 */
final class DpoObjective implements RunObjective {
    static final String PREFERENCE_ACCURACY = "eval/preference_accuracy";
    static final String REWARD_ACCURACY = "eval/reward_accuracy";
    private final TrainingConfig config;
    private final MethodData.Pairs pairs;
    private final RunJournal journal;
    private final TrainingClient client;
    private final DpoVariant variant;
    private ReferenceLogprobs reference;

    DpoObjective(TrainingConfig config, MethodData.Pairs pairs, RunJournal journal, TrainingClient client) {
        this.config = config;
        this.pairs = pairs;
        this.journal = journal;
        this.client = client;
        this.variant = config.dpo().variant();
    }

    @Override
    public void prepare(long step) {
        reference = ReferenceLogprobs.read(journal.dir(), pairs.train().size(), pairs.heldout().size());
        if (reference != null) {
            return;
        }
        if (step != 0) {
            throw new IllegalStateException("the reference log-probabilities of this DPO run (" + ReferenceLogprobs.FILE
                    + ") are missing or were made for other data, and the weights have moved since step 0; start the run again");
        }
        reference = new ReferenceLogprobs(logprobs(pairs.train()), logprobs(pairs.heldout()));
        reference.write(journal.dir());
    }

    @Override
    public StepResult step(long step, int[] examples, AdamParams adam) {
        List<PreferencePair> batch = new ArrayList<>(examples.length);
        double[] refChosen = new double[examples.length];
        double[] refRejected = new double[examples.length];
        for (int k = 0; k < examples.length; k++) {
            batch.add(pairs.train().get(examples[k]));
            refChosen[k] = reference.train()[examples[k]][0];
            refRejected[k] = reference.train()[examples[k]][1];
        }
        List<Datum> datums = PreferenceDataLoader.sides(batch);
        var fb = client.forwardBackwardCustom(datums, new DpoLoss(config.dpo().beta(), variant, refChosen, refRejected));
        var opt = client.optimStep(adam);
        ForwardBackwardOutput out = fb.join();
        OptimStepResponse stepped = opt.join();
        Map<String, Double> m = out.metrics();
        double loss = m.get("dpo_loss:mean");
        double gradNorm = stepped.metrics().getOrDefault("grad_norm:mean", Double.NaN);
        return new StepResult(loss, gradNorm, TrainingData.inputTokens(datums), true,
                t -> new MetricsLine.DpoStep(t.step(), t.epoch(), loss, m.get("accuracy:mean"), m.get("margin:mean"),
                        m.get("chosen_reward:mean"), m.get("rejected_reward:mean"), t.lr(), gradNorm, t.tokensPerS(),
                        t.elapsedS(), t.etaS()));
    }

    @Override
    public Double evaluate(long step) {
        if (pairs.heldout().isEmpty()) {
            return null;
        }
        double[][] policy = logprobs(pairs.heldout());
        double beta = config.dpo().beta();
        double loss = 0;
        int preferred = 0;
        int rewarded = 0;
        for (int p = 0; p < policy.length; p++) {
            double h = (policy[p][0] - reference.heldout()[p][0]) - (policy[p][1] - reference.heldout()[p][1]);
            loss += variant == DpoVariant.SIGMOID ? softplus(-beta * h) : Math.pow(h - 1 / (2 * beta), 2);
            preferred += policy[p][0] > policy[p][1] ? 1 : 0;
            rewarded += h > 0 ? 1 : 0;
        }
        double evalLoss = loss / policy.length;
        double preference = (double) preferred / policy.length;
        journal.metrics(new MetricsLine.Eval(step, evalLoss));
        journal.metrics(new MetricsLine.Score(step, PREFERENCE_ACCURACY, preference));
        journal.metrics(new MetricsLine.Score(step, REWARD_ACCURACY, (double) rewarded / policy.length));
        journal.event(new RunEvent.EvalCompleted(step, evalLoss));
        journal.event(new RunEvent.MetricEvaluated(step, PREFERENCE_ACCURACY, preference));
        return evalLoss;
    }

    @Override
    public String baseMetric() {
        return pairs.heldout().isEmpty() ? null : PREFERENCE_ACCURACY;
    }

    /** The current weights' log-probability of each pair's chosen and rejected reply, a forward pass per batch. */
    private double[][] logprobs(List<PreferencePair> of) {
        double[][] out = new double[of.size()][2];
        for (int start = 0; start < of.size(); start += config.batchSize()) {
            List<PreferencePair> batch = of.subList(start, Math.min(of.size(), start + config.batchSize()));
            List<Datum> datums = PreferenceDataLoader.sides(batch);
            double[] sums = SequenceLogprobs.of(datums, client.forward(datums, LossFn.CROSS_ENTROPY).join());
            for (int k = 0; k < batch.size(); k++) {
                out[start + k][0] = sums[2 * k];
                out[start + k][1] = sums[2 * k + 1];
            }
        }
        return out;
    }

    private static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }
}
