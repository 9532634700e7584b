package dev.whetstone.app.datasets;

import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The tokenizers of the models the user inspected with, loaded once each and kept open until the app
 * closes (a render on a worker may still use one when the user picks another model). Thread-safe.
 */
public final class TokenizerCache implements AutoCloseable {
    private final Map<Path, HfTokenizer> loaded = new HashMap<>();

    /** The tokenizer of the model in {@code folder}; loads it on first use (blocks on disk). */
    public synchronized HfTokenizer get(Path folder, String name) {
        return loaded.computeIfAbsent(folder.toAbsolutePath().normalize(), dir -> HfTokenizer.load(dir, name));
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(HfTokenizer::close);
        loaded.clear();
    }
}
