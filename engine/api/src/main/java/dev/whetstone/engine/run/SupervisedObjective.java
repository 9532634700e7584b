package dev.whetstone.engine.run;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.OptimStepResponse;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.event.RunEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervised fine-tuning (tinker-cookbook's {@code sl_loop}): {@code cross_entropy} on each batch of datums, the loss
 * as the mean NLL per trained token; evaluation is the same mean over the validation split.
 */
final class SupervisedObjective implements RunObjective {
    private final TrainingConfig config;
    private final TrainingData data;
    private final RunJournal journal;
    private final TrainingClient client;

    SupervisedObjective(TrainingConfig config, TrainingData data, RunJournal journal, TrainingClient client) {
        this.config = config;
        this.data = data;
        this.journal = journal;
        this.client = client;
    }

    @Override
    public StepResult step(long step, int[] examples, AdamParams adam) {
        List<Datum> batch = new ArrayList<>(examples.length);
        for (int i : examples) {
            batch.add(data.train().get(i));
        }
        var fb = client.forwardBackward(batch, LossFn.CROSS_ENTROPY);
        var opt = client.optimStep(adam);
        ForwardBackwardOutput out = fb.join();
        OptimStepResponse stepped = opt.join();
        double trained = Math.max(1e-9, TrainingData.trainedTokens(batch));
        double lossSum = out.metrics().get("loss:sum");
        double loss = lossSum / trained;
        double gradNorm = stepped.metrics().getOrDefault("grad_norm:mean", Double.NaN);
        return new StepResult(loss, gradNorm, TrainingData.inputTokens(batch), true,
                t -> new MetricsLine.Step(t.step(), t.epoch(), loss, lossSum, trained, t.lr(), gradNorm, t.tokensPerS(),
                        t.elapsedS(), t.etaS()));
    }

    @Override
    public Double evaluate(long step) {
        if (data.validation().isEmpty()) {
            return null;
        }
        double lossSum = 0;
        double trained = 0;
        for (int start = 0; start < data.validation().size(); start += config.batchSize()) {
            List<Datum> batch = data.validation().subList(start, Math.min(data.validation().size(), start + config.batchSize()));
            lossSum += client.forward(batch, LossFn.CROSS_ENTROPY).join().metrics().get("loss:sum");
            trained += TrainingData.trainedTokens(batch);
        }
        double evalLoss = lossSum / Math.max(1e-9, trained);
        journal.metrics(new MetricsLine.Eval(step, evalLoss));
        journal.event(new RunEvent.EvalCompleted(step, evalLoss));
        return evalLoss;
    }
}
