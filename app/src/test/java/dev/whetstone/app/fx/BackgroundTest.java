package dev.whetstone.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.WorkbenchException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Work runs on the workers; its result or its unwrapped failure reaches the FX side. */
class BackgroundTest {
    private final Background background = InlineExecutor.background();

    @Test
    void successReachesTheSuccessHandler() {
        List<Object> seen = new ArrayList<>();
        CompletableFuture<Void> handled = background.run(() -> 42, seen::add, seen::add);
        assertThat(handled).isCompleted();
        assertThat(seen).containsExactly(42);
    }

    @Test
    void failureReachesTheFailureHandlerUnwrapped() {
        List<Throwable> errors = new ArrayList<>();
        background.run(() -> {
            throw new WorkbenchException("disk is full; free some space");
        }, v -> { }, errors::add);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(WorkbenchException.class).hasMessage("disk is full; free some space");
    }

    @Test
    void unwrapRemovesCompletionWrappers() {
        IllegalStateException cause = new IllegalStateException("x");
        assertThat(Background.unwrap(new CompletionException(new CompletionException(cause)))).isSameAs(cause);
    }
}
