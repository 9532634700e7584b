package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.spi.RemoteEngineProvider;
import java.net.URI;

/** Registers {@link RemoteServiceClient} for {@code ServiceClient.connect(url, key)} (found with ServiceLoader). */
public final class WireClientProvider implements RemoteEngineProvider {
    @Override
    public ServiceClient connect(URI baseUrl, String apiKey) {
        return RemoteServiceClient.connect(baseUrl, apiKey, WireOptions.defaults());
    }
}
