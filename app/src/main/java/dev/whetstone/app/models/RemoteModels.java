package dev.whetstone.app.models;

import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.model.ModelLocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The base models a remote engine offers ({@code get_server_capabilities}), each paired with its config and
 * tokenizer on this machine (the Hugging Face cache or the engine home's {@code models/}) when they are here.
 * Blocks on the network and the disk: call it off the FX thread.
 *
 * <p>{@code List<ModelEntry> offered = new RemoteModels(engine, home, env, userHome).list();}
 */
public final class RemoteModels {
    private final ServiceClient engine;
    private final Path home;
    private final Map<String, String> env;
    private final Path userHome;

    public RemoteModels(ServiceClient engine, Path home, Map<String, String> env, Path userHome) {
        this.engine = engine;
        this.home = home;
        this.env = Map.copyOf(env);
        this.userHome = userHome;
    }

    /** Every model the engine offers, in its order. */
    public List<ModelEntry> list() {
        List<ModelEntry> entries = new ArrayList<>();
        for (String name : engine.getServerCapabilities().supportedModels()) {
            Path local;
            try {
                local = ModelLocator.resolve(name, home, env, userHome);
            } catch (RuntimeException notHere) {
                local = null;
            }
            entries.add(ModelEntry.offered(name, local));
        }
        return entries;
    }
}
