package dev.whetstone.engine.hub;

import dev.whetstone.engine.model.ModelLocator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where models come from and go to, read from the same environment variables as {@code huggingface_hub},
 * so Whetstone and the Python tools share one cache: {@code HF_ENDPOINT} (the hub's address, e.g. a
 * mirror), {@code HF_HUB_CACHE} / {@code HF_HOME} (the cache), {@code HF_TOKEN} (else the token file
 * {@code huggingface-cli login} wrote) and {@code HF_HUB_OFFLINE} (never touch the network).
 *
 * <p>Example: {@code new ModelDownloader(HubSettings.fromEnvironment().withCache(Path.of("/data/hf")))}
 *
 * @param endpoint the hub's base address, without a trailing slash; {@value #DEFAULT_ENDPOINT} by default
 * @param cache    the hub cache folder holding {@code models--Org--Name/}
 * @param token    an access token sent as {@code Authorization: Bearer ...} to the endpoint only, or {@code null}
 * @param offline  whether downloads must only use what the cache already holds
 */
public record HubSettings(URI endpoint, Path cache, String token, boolean offline) {

    /** The public Hugging Face Hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cache, "cache");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// address such as "
                    + DEFAULT_ENDPOINT + ", was \"" + endpoint + "\"");
        }
        String text = endpoint.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        endpoint = URI.create(text);
        token = token == null || token.isBlank() ? null : token.strip();
    }

    /** The settings of this process's environment and user home. */
    public static HubSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The settings {@code env} gives, as {@code huggingface_hub} reads them: the endpoint from
     * {@code HF_ENDPOINT}; the cache from {@link ModelLocator#hubCache}; the token from {@code HF_TOKEN},
     * else {@code HUGGING_FACE_HUB_TOKEN}, else the file {@code $HF_TOKEN_PATH}, else {@code <HF_HOME>/token};
     * offline when {@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) is 1, on, yes or true.
     */
    public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
        String endpoint = firstSet(env, "HF_ENDPOINT");
        URI uri;
        try {
            uri = URI.create(endpoint == null ? DEFAULT_ENDPOINT : endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HF_ENDPOINT must be an address such as " + DEFAULT_ENDPOINT
                    + ", was \"" + endpoint + "\"", e);
        }
        String token = firstSet(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        if (token == null) {
            String tokenPath = firstSet(env, "HF_TOKEN_PATH");
            token = readToken(tokenPath != null ? ModelLocator.expandHome(tokenPath, userHome)
                    : ModelLocator.huggingFaceHome(env, userHome).resolve("token"));
        }
        boolean offline = isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
        return new HubSettings(uri, ModelLocator.hubCache(env, userHome), token, offline);
    }

    /**
     * {@link #fromEnvironment(Map, Path)} for a program that must start whatever the environment holds (the
     * app): a malformed {@code HF_ENDPOINT} is told to {@code problems} and the public hub is used instead.
     */
    public static HubSettings fromEnvironment(Map<String, String> env, Path userHome, Consumer<String> problems) {
        try {
            return fromEnvironment(env, userHome);
        } catch (IllegalArgumentException e) {
            problems.accept(e.getMessage() + "; using " + DEFAULT_ENDPOINT + " instead");
            Map<String, String> withoutEndpoint = new HashMap<>(env);
            withoutEndpoint.remove("HF_ENDPOINT");
            return fromEnvironment(withoutEndpoint, userHome);
        }
    }

    public HubSettings withEndpoint(URI newEndpoint) {
        return new HubSettings(newEndpoint, cache, token, offline);
    }

    public HubSettings withCache(Path newCache) {
        return new HubSettings(endpoint, newCache, token, offline);
    }

    public HubSettings withToken(String newToken) {
        return new HubSettings(endpoint, cache, newToken, offline);
    }

    public HubSettings withOffline(boolean newOffline) {
        return new HubSettings(endpoint, cache, token, newOffline);
    }

    /** Whether a token will be sent. */
    public boolean hasToken() {
        return token != null;
    }

    /** The settings without the token's value, for logs and messages. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cache=" + cache + ", token=" + (token == null ? "none" : "set")
                + ", offline=" + offline + "]";
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static String readToken(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.strip().toUpperCase(Locale.ROOT));
    }
}
