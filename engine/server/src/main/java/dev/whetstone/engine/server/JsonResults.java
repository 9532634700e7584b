package dev.whetstone.engine.server;

import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.TokenLogprob;
import dev.whetstone.engine.wire.json.SamplingMessages;
import dev.whetstone.engine.wire.json.TrainingMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms of the two protobuf results, for SDKs before 0.19 that do not accept protobuf. */
final class JsonResults {
    private JsonResults() {
    }

    static TrainingMessages.ForwardBackwardOutputJson forwardBackward(ForwardBackwardOutput output) {
        List<Map<String, TrainingMessages.TensorJson>> datums = new ArrayList<>();
        for (Map<String, TensorData> perDatum : output.lossFnOutputs()) {
            Map<String, TrainingMessages.TensorJson> fields = new LinkedHashMap<>();
            perDatum.forEach((name, t) -> fields.put(name, tensor(t)));
            datums.add(fields);
        }
        return new TrainingMessages.ForwardBackwardOutputJson(output.lossFnOutputType(), datums, output.metrics());
    }

    static TrainingMessages.TensorJson tensor(TensorData t) {
        List<Double> data = new ArrayList<>(t.size());
        for (double v : t.toDoubles()) {
            data.add(v);
        }
        List<Long> shape = new ArrayList<>();
        for (long d : t.shape()) {
            shape.add(d);
        }
        return new TrainingMessages.TensorJson(data, t.dtype() == TensorData.DType.FLOAT32 ? "float32" : "int64", shape, null, null);
    }

    static SamplingMessages.SampleResponseJson sample(SampleResponse response) {
        List<SamplingMessages.SampledSequenceJson> sequences = new ArrayList<>();
        for (SampledSequence s : response.sequences()) {
            sequences.add(new SamplingMessages.SampledSequenceJson(s.stopReason() == StopReason.STOP ? "stop" : "length",
                    s.tokens(), s.logprobs()));
        }
        List<List<List<Number>>> topk = null;
        if (response.topkPromptLogprobs() != null) {
            topk = new ArrayList<>();
            for (List<TokenLogprob> row : response.topkPromptLogprobs()) {
                if (row == null) {
                    topk.add(null);
                    continue;
                }
                List<List<Number>> pairs = new ArrayList<>();
                for (TokenLogprob t : row) {
                    pairs.add(List.of(t.token(), t.logprob()));
                }
                topk.add(pairs);
            }
        }
        return new SamplingMessages.SampleResponseJson(sequences, "sample", response.promptLogprobs(), topk);
    }
}
