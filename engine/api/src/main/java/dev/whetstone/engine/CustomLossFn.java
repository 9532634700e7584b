package dev.whetstone.engine;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A loss written by the user with DJL {@code NDArray} ops, for {@code forwardBackwardCustom}.
 *
 * <p>The engine runs the forward pass, hands over one logprob array per datum (shape {@code (N,)}, the
 * logprobs of that datum's {@code target_tokens}, requiring gradients), and differentiates the returned
 * scalar, as Tinker's Python client does with torch:
 * {@code CustomLossFn fn = (data, logprobs) -> new CustomLoss(logprobs.get(0).sum().neg());}
 */
@FunctionalInterface
public interface CustomLossFn {

    /** The loss of {@code data}, given each datum's target logprobs in the same order. */
    CustomLoss apply(List<Datum> data, List<NDArray> logprobs);
}
