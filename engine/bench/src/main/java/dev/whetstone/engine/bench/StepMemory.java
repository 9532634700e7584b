package dev.whetstone.engine.bench;

/**
 * The memory of one train step, measured after the warm-up with the device's cached blocks released first,
 * so a caching allocator's reserve grows to exactly the step's peak. Values are -1 where the contender or
 * the device cannot tell (the allocator's counters exist only on a GPU, and only PyTorch reports them).
 *
 * @param heldBytes          what the contender holds between steps (Whetstone: weights, LoRA, gradients,
 *                           AdamW moments, from {@code HeldMemory})
 * @param deviceBytes        GPU memory the step made the device use: the driver's "used" after the step minus
 *                           before it (caches released), plus {@code heldBytes} when known
 * @param allocatedPeakBytes the allocator's peak of live tensors during the step
 * @param reservedPeakBytes  the allocator's peak reserve during the step
 */
public record StepMemory(long heldBytes, long deviceBytes, long allocatedPeakBytes, long reservedPeakBytes) {
    /** Nothing measured. */
    public static final StepMemory UNKNOWN = new StepMemory(-1, -1, -1, -1);
}
