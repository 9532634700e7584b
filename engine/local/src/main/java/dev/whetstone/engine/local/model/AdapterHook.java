package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.Projection;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * What the decoder adds to a frozen projection's output: a LoRA delta, or nothing.
 *
 * <p>{@code layer} is the layer index, or -1 for {@link Projection#LM_HEAD}.
 */
@FunctionalInterface
public interface AdapterHook {

    /** No adapter: the base model. */
    AdapterHook NONE = (layer, projection, input) -> null;

    /** The delta to add to the projection of {@code input} [..., in], shaped [..., out]; or null for none. */
    NDArray delta(int layer, Projection projection, NDArray input);

    /**
     * The deltas of a fused {@code group} stacked along the last axis, [..., Σ out], or null when no member
     * is adapted; {@code widths} are the members' output features. By default each member's
     * {@link #delta} (zeros for a member without one), concatenated; an adapter may compute them in one go.
     */
    default NDArray delta(int layer, ProjectionGroup group, NDArray input, long[] widths) {
        NDArray[] parts = new NDArray[group.members().size()];
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = delta(layer, group.members().get(i), input);
            any |= parts[i] != null;
        }
        if (!any) {
            return null;
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {   // a PEFT adapter may adapt q and v only
                long[] shape = input.getShape().getShape().clone();
                shape[shape.length - 1] = widths[i];
                parts[i] = input.getManager().zeros(new ai.djl.ndarray.types.Shape(shape), input.getDataType());
            }
        }
        return NDArrays.concat(new NDList(parts), -1);
    }
}
