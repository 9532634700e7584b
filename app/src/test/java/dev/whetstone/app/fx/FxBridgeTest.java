package dev.whetstone.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The bridge coalesces: one pending drain, latest values collapse, queued items arrive as batches. */
class FxBridgeTest {

    /** Holds scheduled drains until the test runs them, like a busy FX thread would. */
    private static final class HeldExecutor implements Executor {
        final List<Runnable> pending = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable command) {
            pending.add(command);
        }

        synchronized void runAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).run();
            }
        }
    }

    private final HeldExecutor fx = new HeldExecutor();
    private final FxBridge bridge = new FxBridge(fx);

    @Test
    void manyPostsScheduleOneDrain() {
        LatestValue<Integer> latest = bridge.latest(v -> { });
        BatchQueue<Integer> batches = bridge.batches(b -> { });
        for (int i = 0; i < 1000; i++) {
            latest.post(i);
            batches.add(i);
            bridge.run(() -> { });
        }
        assertThat(fx.pending).hasSize(1);
    }

    @Test
    void latestValueAppliesOnlyTheNewest() {
        List<Integer> applied = new ArrayList<>();
        LatestValue<Integer> latest = bridge.latest(applied::add);
        for (int i = 0; i < 100; i++) {
            latest.post(i);
        }
        fx.runAll();
        assertThat(applied).containsExactly(99);
    }

    @Test
    void queuedItemsArriveInOrderAsOneBatch() {
        List<List<Integer>> batches = new ArrayList<>();
        BatchQueue<Integer> queue = bridge.batches(batches::add);
        for (int i = 0; i < 5000; i++) {
            queue.add(i);
        }
        fx.runAll();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(5000).startsWith(0, 1, 2).endsWith(4999);
    }

    @Test
    void actionsRunInPostingOrder() {
        List<String> order = new ArrayList<>();
        bridge.run(() -> order.add("a"));
        bridge.<String>latest(order::add).post("b");
        bridge.run(() -> order.add("c"));
        fx.runAll();
        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void aFloodIsSpreadOverSeveralDrains() {
        int[] ran = new int[1];
        for (int i = 0; i < FxBridge.MAX_ACTIONS_PER_DRAIN + 10; i++) {
            bridge.run(() -> ran[0]++);
        }
        fx.pending.remove(0).run();
        assertThat(ran[0]).isEqualTo(FxBridge.MAX_ACTIONS_PER_DRAIN);
        assertThat(fx.pending).hasSize(1);
        fx.runAll();
        assertThat(ran[0]).isEqualTo(FxBridge.MAX_ACTIONS_PER_DRAIN + 10);
    }

    @Test
    void aFailingActionDoesNotStopTheOthers() {
        List<String> order = new ArrayList<>();
        bridge.run(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        bridge.run(() -> order.add("after"));
        fx.runAll();
        assertThat(order).containsExactly("after");
    }

    @Test
    void aFailingActionGoesToTheFailureHandlerAndTheOthersStillRun() {
        List<String> order = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        FxBridge reporting = new FxBridge(fx, (thread, error) -> failures.add(error));
        reporting.run(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        reporting.run(() -> order.add("after"));
        fx.runAll();
        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom (expected by the test)");
        assertThat(order).containsExactly("after");
    }

    @Test
    void aValuePostedDuringApplicationIsNotLost() {
        List<Integer> applied = new ArrayList<>();
        AtomicReference<LatestValue<Integer>> latest = new AtomicReference<>();
        latest.set(bridge.latest(v -> {
            applied.add(v);
            if (v == 1) {
                latest.get().post(2);
            }
        }));
        latest.get().post(1);
        fx.runAll();
        assertThat(applied).containsExactly(1, 2);
    }

    @Test
    void postsFromManyThreadsAllArrive() throws InterruptedException {
        List<Integer> received = new ArrayList<>();
        BatchQueue<Integer> queue = bridge.batches(received::addAll);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    queue.add(base + i);
                }
                done.countDown();
            }).start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        fx.runAll();
        assertThat(received).hasSize(4000).doesNotHaveDuplicates();
        assertThat(fx.pending).isEmpty();
    }
}
