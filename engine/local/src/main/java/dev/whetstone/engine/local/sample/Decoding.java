package dev.whetstone.engine.local.sample;

/** How a generation runs the decoder. */
public enum Decoding {
    /** Prefill the prompt once, then one cached forward of one token per sequence per step. */
    KV_CACHE,
    /**
     * The reference for tests: the full training forward over every sequence's whole text at every
     * step, with no cache. Quadratic; never for real use.
     */
    RECOMPUTE
}
