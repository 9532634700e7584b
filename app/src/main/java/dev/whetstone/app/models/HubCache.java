package dev.whetstone.app.models;

import dev.whetstone.engine.model.ModelLocator;
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
        return ModelLocator.hubCache(env, userHome);
    }
}
