package dev.whetstone.engine.spi;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the one {@link LocalEngineProvider} on the class path and opens an engine with it. */
public final class LocalEngines {
    private LocalEngines() {
    }

    /** {@code LocalEngines.open(options)}: the in-process engine, or a clear error when none is on the class path. */
    public static ServiceClient open(EngineOptions options) {
        Iterator<LocalEngineProvider> providers = ServiceLoader.load(LocalEngineProvider.class,
                LocalEngineProvider.class.getClassLoader()).iterator();
        if (!providers.hasNext()) {
            throw new IllegalStateException("no in-process engine on the class path: add the whetstone-engine-local "
                    + "artifact (the DJL implementation) to run models in this process, or connect to a remote engine "
                    + "with ServiceClient.connect(url, key)");
        }
        return providers.next().open(options);
    }
}
