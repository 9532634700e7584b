package dev.whetstone.app;

import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.app.engine.EngineKind;
import dev.whetstone.engine.EngineOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app, started headless for TestFX tests and screenshots: engine home {@code home} on the CPU,
 * Hugging Face cache {@code hubCache}; returns once every pane has shown its first data.
 */
public final class RunningApp implements AutoCloseable {
    private final WhetstoneApp app;
    private final Stage stage;

    private RunningApp(WhetstoneApp app, Stage stage) {
        this.app = app;
        this.stage = stage;
    }

    /** Starts the app on the engine in this process and waits (up to a minute: the first start loads libtorch) until it is ready. */
    public static RunningApp start(Path home, Path hubCache) throws Exception {
        return start(home, hubCache, Map.of());
    }

    /** {@link #start(Path, Path)} with more environment variables for the app ({@code WHETSTONE_FILE_MANAGER}, say). */
    public static RunningApp start(Path home, Path hubCache, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HF_HUB_CACHE", hubCache.toString());
        return start(home, all);
    }

    /** The app with exactly the environment {@code env} (the Hugging Face variables), on the engine in this process. */
    public static RunningApp start(Path home, Map<String, String> env) throws Exception {
        return start(home, env, EngineChoice.inProcess());
    }

    /** Starts the app on {@code engine} and waits (up to three minutes for an engine process to start) until it is ready. */
    public static RunningApp start(Path home, Path hubCache, EngineChoice engine) throws Exception {
        return start(home, Map.of("HF_HUB_CACHE", hubCache.toString()), engine);
    }

    private static RunningApp start(Path home, Map<String, String> env, EngineChoice engine) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        EngineOptions options = EngineOptions.builder().home(home).device("cpu").build();
        WhetstoneApp app = (WhetstoneApp) FxToolkit.setupApplication(() -> new WhetstoneApp(options, env, engine));
        WaitForAsyncUtils.waitFor(engine.kind() == EngineKind.IN_PROCESS ? 60 : 180, TimeUnit.SECONDS, app.ready());
        WaitForAsyncUtils.waitForFxEvents();
        return new RunningApp(app, stage);
    }

    public Stage stage() {
        return stage;
    }

    /** Stops the app as closing its window would (settings saved, engine closed). */
    @Override
    public void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }
}
