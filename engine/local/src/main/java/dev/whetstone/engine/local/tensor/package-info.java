/**
 * DJL plumbing that steers around the traps of {@code DJL-NOTES.md}: scalar constants that own their
 * memory, host arrays copied into torch-owned tensors, and thread-local autograd without DJL's global
 * {@code GradientCollector} flag.
 */
package dev.whetstone.engine.local.tensor;
