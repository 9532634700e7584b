package dev.whetstone.app.engine;

import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokenizers of the models an engine behind the wire runs, loaded on this machine (as the Tinker SDK tokenizes
 * locally): a model folder, or the base model's name looked up in the Hugging Face cache and the engine home's
 * {@code models/} with this app's environment. A model whose files are not here gets a message that says how to
 * fetch them.
 *
 * <p>{@code Tokenizer t = tokenizers.forModel("Qwen/Qwen3-8B");}
 */
public final class LocalTokenizers implements AutoCloseable {
    private final Path home;
    private final Map<String, String> env;
    private final Path userHome;
    private final Map<String, HfTokenizer> loaded = new ConcurrentHashMap<>();

    /** Looks in {@code home}'s models and the Hugging Face cache {@code env} names (else under {@code userHome}). */
    public LocalTokenizers(Path home, Map<String, String> env, Path userHome) {
        this.home = home;
        this.env = Map.copyOf(env);
        this.userHome = userHome;
    }

    /** The tokenizer of {@code baseModel} (a folder or a repo id), loaded once. */
    public Tokenizer forModel(String baseModel) {
        return loaded.computeIfAbsent(baseModel, this::load);
    }

    private HfTokenizer load(String name) {
        Path folder;
        try {
            folder = ModelLocator.resolve(name, home, env, userHome);
        } catch (RuntimeException e) {
            throw new WorkbenchException("The tokenizer of " + name + " is not on this machine. The engine runs the model, "
                    + "but Whetstone tokenizes here (for the token inspector, chat templates and the Playground): put the "
                    + "model's config.json and tokenizer files in the Hugging Face cache (`huggingface-cli download " + name
                    + " --include 'config.json' 'tokenizer*'`) or in " + home.resolve("models") + ". (" + e.getMessage() + ")", e);
        }
        return HfTokenizer.load(folder, name);
    }

    @Override
    public void close() {
        loaded.values().forEach(HfTokenizer::close);
        loaded.clear();
    }
}
