package dev.whetstone.engine.spi;

import dev.whetstone.engine.ServiceClient;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/** Finds the one {@link RemoteEngineProvider} on the class path and connects with it. */
public final class RemoteEngines {
    /** The environment variable naming the server, as the Tinker SDK reads it. */
    public static final String BASE_URL_ENV = "TINKER_BASE_URL";
    /** The environment variable holding the API key, as the Tinker SDK reads it. */
    public static final String API_KEY_ENV = "TINKER_API_KEY";

    private RemoteEngines() {
    }

    /** {@code RemoteEngines.connect(uri, key)}: a remote engine, or a clear error when no wire client is on the class path. */
    public static ServiceClient connect(URI baseUrl, String apiKey) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL such as http://127.0.0.1:8000, was "
                    + baseUrl);
        }
        Iterator<RemoteEngineProvider> providers = ServiceLoader.load(RemoteEngineProvider.class,
                RemoteEngineProvider.class.getClassLoader()).iterator();
        if (!providers.hasNext()) {
            throw new IllegalStateException("no client of Tinker's wire protocol on the class path: add the "
                    + "whetstone-engine-wire artifact to connect to " + baseUrl);
        }
        return providers.next().connect(baseUrl, apiKey);
    }

    /**
     * The server and key from {@code env}: {@value #BASE_URL_ENV} (required) and {@value #API_KEY_ENV}
     * (optional on loopback).
     */
    public static ServiceClient connectFromEnvironment(Map<String, String> env) {
        String url = env.get(BASE_URL_ENV);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(BASE_URL_ENV + " is not set: set it to the server's URL (e.g. "
                    + "http://127.0.0.1:8000 for `whetstone serve`), or call ServiceClient.connect(url, key)");
        }
        String key = env.get(API_KEY_ENV);
        return connect(URI.create(url.strip()), key == null || key.isBlank() ? null : key.strip());
    }
}
