package dev.whetstone.engine.wire.client;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizer of a remote model, loaded on this machine (tokenizing stays local, as with the Tinker SDK): the
 * model's folder when the server named one that exists here, else the repo id in the Hugging Face cache or the
 * engine's model store.
 */
final class RemoteTokenizers {
    private final Map<String, Tokenizer> loaded = new ConcurrentHashMap<>();

    Tokenizer forModel(String name) {
        return loaded.computeIfAbsent(name, RemoteTokenizers::load);
    }

    private static Tokenizer load(String name) {
        Path folder;
        try {
            folder = ModelLocator.resolve(name, EngineOptions.defaultHome());
        } catch (RuntimeException e) {
            throw new WorkbenchException("the remote model's tokenizer (" + name + ") is not on this machine: " + e.getMessage()
                    + ". Tokenizing runs locally; download the model's files here (`whetstone pull " + name + "`)", e);
        }
        return HfTokenizer.load(folder, name);
    }
}
