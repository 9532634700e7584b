package dev.whetstone.engine.wire;

import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.StopReason;
import dev.whetstone.engine.TokenLogprob;
import dev.whetstone.engine.wire.proto.TinkerPublic;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SampleResponse} ⇄ the wire's {@code SampleResponse}: tokens int32, logprobs float32, prompt logprobs
 * float32 with NaN where there is none, top-k prompt logprobs as dense [prompt_length, k] matrices whose empty
 * cells are token 0 at {@value #EMPTY_LOGPROB}.
 */
public final class SampleProto {
    /** The logprob of an empty top-k cell (the SDK's mask value). */
    public static final float EMPTY_LOGPROB = -99999.0f;

    private SampleProto() {
    }

    /** The wire form of {@code response}. */
    public static TinkerPublic.SampleResponse encode(SampleResponse response) {
        TinkerPublic.SampleResponse.Builder builder = TinkerPublic.SampleResponse.newBuilder();
        for (SampledSequence seq : response.sequences()) {
            float[] logprobs = new float[seq.logprobs().size()];
            for (int i = 0; i < logprobs.length; i++) {
                logprobs[i] = seq.logprobs().get(i).floatValue();
            }
            builder.addSequences(TinkerPublic.SampledSequence.newBuilder()
                    .setStopReason(seq.stopReason() == StopReason.STOP ? TinkerPublic.StopReason.STOP_REASON_STOP
                            : TinkerPublic.StopReason.STOP_REASON_LENGTH)
                    .setTokens(RawArrays.int32(seq.tokenArray()))
                    .setLogprobs(RawArrays.float32(logprobs)));
        }
        if (response.promptLogprobs() != null) {
            List<Double> prompt = response.promptLogprobs();
            float[] values = new float[prompt.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = prompt.get(i) == null ? Float.NaN : prompt.get(i).floatValue();
            }
            builder.setPromptLogprobs(RawArrays.float32(values));
        }
        if (response.topkPromptLogprobs() != null) {
            builder.setTopkPromptLogprobs(encodeTopk(response.topkPromptLogprobs()));
        }
        return builder.build();
    }

    private static TinkerPublic.TopkPromptLogprobs encodeTopk(List<List<TokenLogprob>> rows) {
        int k = 0;
        for (List<TokenLogprob> row : rows) {
            k = Math.max(k, row == null ? 0 : row.size());
        }
        int[] ids = new int[rows.size() * k];
        float[] logprobs = new float[rows.size() * k];
        java.util.Arrays.fill(logprobs, EMPTY_LOGPROB);
        for (int r = 0; r < rows.size(); r++) {
            List<TokenLogprob> row = rows.get(r);
            for (int j = 0; row != null && j < row.size(); j++) {
                ids[r * k + j] = row.get(j).token();
                logprobs[r * k + j] = (float) row.get(j).logprob();
            }
        }
        return TinkerPublic.TopkPromptLogprobs.newBuilder().setTokenIds(RawArrays.int32(ids))
                .setLogprobs(RawArrays.float32(logprobs)).setK(k).setPromptLength(rows.size()).build();
    }

    /** The response a wire message describes. */
    public static SampleResponse decode(TinkerPublic.SampleResponse message) {
        List<SampledSequence> sequences = new ArrayList<>();
        for (int s = 0; s < message.getSequencesCount(); s++) {
            TinkerPublic.SampledSequence seq = message.getSequences(s);
            int[] tokens = RawArrays.toInt32(seq.getTokens(), "sequences[" + s + "].tokens");
            float[] logprobs = RawArrays.toFloat32(seq.getLogprobs(), "sequences[" + s + "].logprobs");
            List<Integer> tokenList = new ArrayList<>(tokens.length);
            List<Double> logprobList = new ArrayList<>(tokens.length);
            for (int i = 0; i < tokens.length; i++) {
                tokenList.add(tokens[i]);
                logprobList.add(seq.hasLogprobs() && i < logprobs.length ? (double) logprobs[i] : Double.NaN);
            }
            StopReason reason = switch (seq.getStopReason()) {
                case STOP_REASON_STOP -> StopReason.STOP;
                case STOP_REASON_LENGTH -> StopReason.LENGTH;
                default -> throw new WireFormatException("sequences[" + s + "].stop_reason " + seq.getStopReasonValue()
                        + " is unknown");
            };
            sequences.add(new SampledSequence(tokenList, logprobList, reason));
        }
        List<Double> prompt = null;
        if (message.hasPromptLogprobs()) {
            float[] values = RawArrays.toFloat32(message.getPromptLogprobs(), "prompt_logprobs");
            prompt = new ArrayList<>(values.length);
            for (float v : values) {
                prompt.add(Float.isNaN(v) ? null : (double) v);
            }
        }
        return new SampleResponse(sequences, prompt, message.hasTopkPromptLogprobs() ? decodeTopk(message.getTopkPromptLogprobs()) : null);
    }

    private static List<List<TokenLogprob>> decodeTopk(TinkerPublic.TopkPromptLogprobs topk) {
        int[] ids = RawArrays.toInt32(topk.getTokenIds(), "topk_prompt_logprobs.token_ids");
        float[] logprobs = RawArrays.toFloat32(topk.getLogprobs(), "topk_prompt_logprobs.logprobs");
        int k = topk.getK();
        int rows = topk.getPromptLength();
        if (ids.length != rows * k || logprobs.length != rows * k) {
            throw new WireFormatException("topk_prompt_logprobs holds " + ids.length + " ids and " + logprobs.length
                    + " logprobs for " + rows + " positions of k = " + k);
        }
        List<List<TokenLogprob>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<TokenLogprob> row = new ArrayList<>(k);
            for (int j = 0; j < k && logprobs[r * k + j] != EMPTY_LOGPROB; j++) {
                row.add(new TokenLogprob(ids[r * k + j], logprobs[r * k + j]));
            }
            out.add(row.isEmpty() ? null : row);
        }
        return out;
    }
}
