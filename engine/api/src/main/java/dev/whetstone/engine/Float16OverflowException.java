package dev.whetstone.engine;

/**
 * A value beyond float16's range (±65,504) where the engine keeps or computes in float16 — the frozen
 * matrices on a GPU — instead of an infinity silently trained on. Raised when a weight does not fit on
 * loading, and when a training pass's loss or gradients overflow; the failed pass leaves the trained
 * weights and the optimizer unchanged and discards its gradients. The message names the tensor or the
 * pass, the value, and the fix (usually: the CPU, which computes in float32).
 */
public class Float16OverflowException extends WorkbenchException {
    public Float16OverflowException(String message) {
        super(message);
    }
}
