package dev.whetstone.engine.model;

import ai.djl.ndarray.NDArray;

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
}
