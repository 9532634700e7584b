package dev.whetstone.engine.server;

import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.SampleResponse;
import dev.whetstone.engine.wire.ForwardBackwardProto;
import dev.whetstone.engine.wire.SampleProto;

/**
 * The finished result of a future, rendered when polled: most as JSON, forward/backward and sampling results as
 * protobuf when the client accepts it (SDK 0.19 on) and as their JSON form otherwise (older SDKs).
 */
sealed interface Result {

    /** The reply for a client that does ({@code proto}) or does not accept protobuf. */
    Reply render(boolean proto);

    /** A JSON result (create_model, optim_step, saves, loads). */
    record Json(Object body) implements Result {
        @Override
        public Reply render(boolean proto) {
            return Reply.json(body);
        }
    }

    /** The result of forward or forward_backward. */
    record ForwardBackward(ForwardBackwardOutput output) implements Result {
        @Override
        public Reply render(boolean proto) {
            return proto ? Reply.proto(ForwardBackwardProto.encode(output)) : Reply.json(JsonResults.forwardBackward(output));
        }
    }

    /** The result of asample (and compute_logprobs). */
    record Sample(SampleResponse response) implements Result {
        @Override
        public Reply render(boolean proto) {
            return proto ? Reply.proto(SampleProto.encode(response)) : Reply.json(JsonResults.sample(response));
        }
    }
}
