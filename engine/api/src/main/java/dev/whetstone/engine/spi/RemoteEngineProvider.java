package dev.whetstone.engine.spi;

import dev.whetstone.engine.ServiceClient;
import java.net.URI;

/**
 * The service-provider interface through which {@link ServiceClient#connect(URI, String)} finds the client of
 * Tinker's wire protocol: {@code whetstone-engine-wire} registers one in
 * {@code META-INF/services/dev.whetstone.engine.spi.RemoteEngineProvider}. Callers never use it directly.
 */
public interface RemoteEngineProvider {

    /** A client of the engine at {@code baseUrl} (a {@code whetstone serve} or hosted Tinker); {@code apiKey} may be null. */
    ServiceClient connect(URI baseUrl, String apiKey);
}
