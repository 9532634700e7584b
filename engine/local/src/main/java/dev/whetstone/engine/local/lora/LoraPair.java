package dev.whetstone.engine.local.lora;

import ai.djl.ndarray.NDArray;

/**
 * The two trainable factors of one adapted layer: {@code Δ(x) = scale · (x·Aᵀ)·Bᵀ}.
 *
 * @param a [R, in]
 * @param b [out, R]
 */
public record LoraPair(NDArray a, NDArray b) {
}
