package dev.whetstone.engine.local.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * The tensors of one owner — base weights, an adapter, optimizer state, a sampling snapshot, a KV cache —
 * on a child {@link NDManager} of the model's: they outlive every step's {@link NDScope} and are freed
 * together when the owner closes, so no owner keeps a list of tensors to close. Closing the model's
 * manager frees every owner still open. Device thread only.
 *
 * <pre>{@code
 * OwnedTensors cache = new OwnedTensors(model.manager(), "KV cache");
 * NDArray keys = cache.keep(cache.manager().zeros(shape));   // survives the step's NDScope
 * cache.close();                                             // frees keys and everything else kept
 * }</pre>
 */
public final class OwnedTensors implements AutoCloseable {
    private final NDManager manager;

    /** A new owner under {@code parent} (the model's manager, or another owner's); {@code name} shows in DJL's dumps. */
    public OwnedTensors(NDManager parent, String name) {
        this.manager = parent.newSubManager();
        manager.setName(name);
    }

    /** The manager new tensors of this owner are created on. */
    public NDManager manager() {
        return manager;
    }

    /** Takes {@code array} over: out of the current step's scope, onto this owner's manager; returns it. */
    public NDArray keep(NDArray array) {
        NDScope.unregister(array);
        array.attach(manager);
        return array;
    }

    /** Takes every one of {@code arrays} over (see {@link #keep(NDArray)}). */
    public void keep(NDArray... arrays) {
        for (NDArray array : arrays) {
            keep(array);
        }
    }

    /** Frees every tensor this owner holds. */
    @Override
    public void close() {
        manager.close();
    }
}
