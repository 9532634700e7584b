package dev.whetstone.engine.spi;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;

/**
 * The service-provider interface through which {@link ServiceClient#local(EngineOptions)} finds the in-process
 * engine: an implementation module (DJL's, {@code whetstone-engine-local}) registers one in
 * {@code META-INF/services/dev.whetstone.engine.spi.LocalEngineProvider}. Callers never use it directly.
 */
public interface LocalEngineProvider {

    /** A new in-process engine with these options; it owns every model it loads until closed. */
    ServiceClient open(EngineOptions options);
}
