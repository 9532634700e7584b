package dev.whetstone.engine.local;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.spi.LocalEngineProvider;

/** Registers the DJL engine as the in-process engine that {@link ServiceClient#local(EngineOptions)} opens. */
public final class DjlEngineProvider implements LocalEngineProvider {

    @Override
    public ServiceClient open(EngineOptions options) {
        return new LocalServiceClient(options);
    }
}
