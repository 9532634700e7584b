package dev.whetstone.app.fx;

import java.util.concurrent.Executor;

/**
 * Runs every task at once on the caller's thread, so view-models can be tested without a stage or an FX
 * thread: work, bridge and FX updates all happen inside the command call.
 */
public final class InlineExecutor implements Executor {

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    /** A {@link Background} whose workers and FX thread are both the caller's thread. */
    public static Background background() {
        return new Background(new InlineExecutor(), new FxBridge(new InlineExecutor()));
    }
}
