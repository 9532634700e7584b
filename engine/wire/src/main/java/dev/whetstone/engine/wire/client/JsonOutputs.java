package dev.whetstone.engine.wire.client;

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

/** The JSON forms of the two results a server may send instead of protobuf (servers for SDKs before 0.19). */
final class JsonOutputs {
    private JsonOutputs() {
    }

    static ForwardBackwardOutput forwardBackward(TrainingMessages.ForwardBackwardOutputJson json) {
        List<Map<String, TensorData>> outputs = new ArrayList<>();
        for (Map<String, TrainingMessages.TensorJson> datum : json.lossFnOutputs() == null
                ? List.<Map<String, TrainingMessages.TensorJson>>of() : json.lossFnOutputs()) {
            Map<String, TensorData> fields = new LinkedHashMap<>();
            datum.forEach((name, t) -> fields.put(name, tensor(t)));
            outputs.add(fields);
        }
        return new ForwardBackwardOutput(json.lossFnOutputType() == null ? "ArrayRecord" : json.lossFnOutputType(), outputs,
                json.metrics() == null ? Map.of() : json.metrics());
    }

    private static TensorData tensor(TrainingMessages.TensorJson t) {
        long[] shape = t.shape() == null ? new long[0] : t.shape().stream().mapToLong(Long::longValue).toArray();
        if ("int64".equals(t.dtype())) {
            return TensorData.ofLongs(t.data().stream().mapToLong(Double::longValue).toArray(), shape);
        }
        float[] values = new float[t.data().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.data().get(i).floatValue();
        }
        return TensorData.ofFloats(values, shape);
    }

    static SampleResponse sample(SamplingMessages.SampleResponseJson json) {
        List<SampledSequence> sequences = new ArrayList<>();
        for (SamplingMessages.SampledSequenceJson s : json.sequences()) {
            List<Double> logprobs = s.logprobs() != null ? s.logprobs()
                    : java.util.Collections.nCopies(s.tokens().size(), Double.NaN);
            sequences.add(new SampledSequence(s.tokens(), logprobs, "stop".equals(s.stopReason()) ? StopReason.STOP : StopReason.LENGTH));
        }
        List<List<TokenLogprob>> topk = null;
        if (json.topkPromptLogprobs() != null) {
            topk = new ArrayList<>();
            for (List<List<Number>> row : json.topkPromptLogprobs()) {
                if (row == null) {
                    topk.add(null);
                    continue;
                }
                List<TokenLogprob> entries = new ArrayList<>();
                for (List<Number> pair : row) {
                    entries.add(new TokenLogprob(pair.get(0).intValue(), pair.get(1).doubleValue()));
                }
                topk.add(entries);
            }
        }
        return new SampleResponse(sequences, json.promptLogprobs(), topk);
    }
}
