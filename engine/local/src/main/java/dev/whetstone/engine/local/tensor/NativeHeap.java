package dev.whetstone.engine.local.tensor;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells glibc's allocator to keep freed tensor memory for reuse instead of handing it back to the OS.
 *
 * <p>libtorch allocates every CPU tensor with {@code malloc}. By default glibc serves blocks above a
 * dynamic threshold (128 KiB, growing to at most 32 MiB) with a fresh {@code mmap} and gives the pages
 * back on free, and trims the heap once 2× that threshold lies free on top. A train step allocates
 * and frees hundreds of megabytes of activations and gradients, so nearly every large tensor started
 * on fresh pages: about 110,000 minor page faults per S-model step, a third of the backward's time
 * (BENCHMARKS.md, "Profile of the train step"). With a fixed 32 MiB mmap threshold (glibc's maximum)
 * and no trimming, the step's memory is reused from the heap after the first steps and the faults
 * drop to almost none. The price: the process keeps its peak native heap until it exits.
 *
 * <p>A thread other than the process's first allocates from its own arena, a chain of 64 MiB heaps, and
 * glibc unmaps a whole heap of that chain as soon as it lies free, whatever the trim threshold: the next
 * step's 8 MiB loss buffers and activations then fault their pages in again (the device thread's case:
 * a median of 3k-10k faults per S-model step, 60k at worst). A top pad of one heap's size makes glibc keep
 * such heaps; it also pads each heap growth, which costs address space only, not memory.
 *
 * <p>Only on Linux with glibc; elsewhere, or with {@code -Dwhetstone.nativeHeap=default}, nothing changes.
 */
public final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    /** glibc's {@code M_TRIM_THRESHOLD}, {@code M_MMAP_THRESHOLD} (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_TOP_PAD = -2;
    /** The largest mmap threshold glibc accepts on 64-bit: HEAP_MAX_SIZE / 2. */
    static final int MMAP_THRESHOLD = 32 * 1024 * 1024;
    /** glibc's per-thread heap size on 64-bit (HEAP_MAX_SIZE): a free heap is then never unmapped. */
    static final int TOP_PAD = 64 * 1024 * 1024;
    private static boolean applied;

    private NativeHeap() {
    }

    /** glibc's tuning call; 1 on success. */
    private interface CLibrary extends Library {
        int mallopt(int param, int value);
    }

    /** Applies the tuning once per process; returns whether glibc accepted it. */
    public static synchronized boolean keepFreedMemory() {
        if (applied) {
            return true;
        }
        if (!"linux".equals(System.getProperty("os.name", "").toLowerCase(Locale.ROOT))
                || "default".equals(System.getProperty("whetstone.nativeHeap"))) {
            return false;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            applied = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
            LOG.debug("glibc heap tuning (mmap threshold 32 MiB, no trim, 64 MiB top pad) {}", applied ? "applied" : "refused");
        } catch (UnsatisfiedLinkError | RuntimeException e) {   // not glibc (musl), or JNA unavailable
            LOG.debug("glibc heap tuning not available: {}", e.toString());
        }
        return applied;
    }
}
