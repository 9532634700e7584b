package dev.whetstone.engine.local.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoding a few rows runs on one libtorch thread, and the configured count comes back on close, whatever happened inside. */
class IntraOpThreadsTest {
    private int configured;

    @BeforeEach
    void twoThreads() {
        Engine.getInstance();
        configured = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
    }

    @AfterEach
    void restore() {
        JniUtils.setNumThreads(configured);
    }

    @Test
    void aFewRowsDecodeOnOneThreadAndTheCountIsRestored() {
        try (IntraOpThreads threads = IntraOpThreads.forDecoding(1)) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
        }
        assertThat(JniUtils.getNumThreads()).isEqualTo(2);
    }

    @Test
    void theCountIsRestoredWhenDecodingFails() {
        try (IntraOpThreads threads = IntraOpThreads.forDecoding(IntraOpThreads.MAX_DECODE_ROWS)) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
            throw new IllegalStateException("cancelled mid-decode");
        } catch (IllegalStateException expected) {
            // the decode loop's error
        }
        assertThat(JniUtils.getNumThreads()).isEqualTo(2);
    }

    @Test
    void manyRowsKeepTheConfiguredCount() {
        try (IntraOpThreads threads = IntraOpThreads.forDecoding(IntraOpThreads.MAX_DECODE_ROWS + 1)) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(2);
        }
        assertThat(JniUtils.getNumThreads()).isEqualTo(2);
    }
}
