package dev.whetstone.engine.local.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On Linux with glibc the heap tuning that removed the train step's page faults is accepted by glibc. */
class NativeHeapTest {

    @Test
    void glibcAcceptsTheTuningOnceAndItStays() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).equals("linux")
                && !Files.exists(Path.of("/etc/alpine-release")), "glibc Linux only");
        assertThat(NativeHeap.keepFreedMemory()).isTrue();
        assertThat(NativeHeap.keepFreedMemory()).as("a second call is a no-op that still reports it applied").isTrue();
    }
}
