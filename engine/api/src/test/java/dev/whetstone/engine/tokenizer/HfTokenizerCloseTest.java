package dev.whetstone.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a tokenizer while other threads still encode with it (the app closes its tokenizers as the window closes,
 * while a worker may be rendering): the native tokenizer is freed only after the calls in flight return, and later
 * calls fail with a clear message. Before, this freed the tokenizer under a running call and the JVM crashed in
 * libtokenizers.so.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HfTokenizerCloseTest {
    @TempDir
    Path dir;

    @Test
    void closeWaitsForCallsInFlightAndLaterCallsSayItIsClosed() throws Exception {
        String text = "hello world ".repeat(2_000);
        TinyModelFolder folder = TinyModelFolder.in(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                HfTokenizer tokenizer = folder.load();
                CountDownLatch calling = new CountDownLatch(4);   // every caller has finished one call and goes on
                List<Future<Integer>> callers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    callers.add(pool.submit(() -> {
                        int calls = 0;
                        try {
                            while (true) {
                                tokenizer.encodeWithOffsets(text);
                                tokenizer.decode(new int[] {5, 6});
                                if (++calls == 1) {
                                    calling.countDown();
                                }
                            }
                        } catch (IllegalStateException closed) {
                            assertThat(closed).hasMessageContaining("closed").hasMessageContaining("tiny");
                            return calls;
                        }
                    }));
                }
                assertThat(calling.await(30, TimeUnit.SECONDS)).as("all four callers are calling").isTrue();

                tokenizer.close();

                for (Future<Integer> caller : callers) {
                    assertThat(caller.get(30, TimeUnit.SECONDS)).isPositive();
                }
                assertThatThrownBy(() -> tokenizer.encode("hello")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("closed");
                tokenizer.close();   // a second close does nothing
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
