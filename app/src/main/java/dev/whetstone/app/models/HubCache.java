package dev.whetstone.app.models;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Hugging Face hub cache folder, chosen the way {@code huggingface_hub} chooses it (and the engine's
 * {@code ModelLocator} looks in it): {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
 */
public final class HubCache {
    private HubCache() {
    }

    /** The hub cache for {@code env} and {@code userHome}: {@code HubCache.folder(System.getenv(), home)}. */
    public static Path folder(Map<String, String> env, Path userHome) {
        String hubCache = env.get("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return Path.of(hubCache);
        }
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
        return cache.resolve("huggingface").resolve("hub");
    }
}
