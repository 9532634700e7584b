package dev.whetstone.engine.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.hub.HubException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files of a repo that a model needs, and no others: its config, tokenizer and generation files and
 * licence, and the safetensors weights the engine reads, chosen as the engine chooses them
 * ({@code model.safetensors}; else the shards {@code model.safetensors.index.json} names; else every
 * top-level {@code *.safetensors}). Sub-folders ({@code onnx/}, {@code original/}), PyTorch {@code .bin},
 * GGUF and other copies of the weights are left on the hub.
 */
final class ModelFiles {
    static final String CONFIG = "config.json";
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    /** Small files taken when present: config, tokenizer, chat template, generation settings, licence. */
    static final Set<String> SUPPORT = Set.of(CONFIG, "generation_config.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "chat_template.jinja", "chat_template.json", "vocab.json", "merges.txt",
            "tokenizer.model", "added_tokens.json", "LICENSE", "LICENSE.txt", "LICENSE.md");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    /**
     * The files to fetch before the weights: the support files, and the shard index when the weights are
     * sharded. Refuses a repo with no {@code config.json} or no safetensors.
     */
    static List<RepoFile> beforeWeights(RepoInfo info, ModelRequest request) {
        List<RepoFile> top = info.files().stream().filter(RepoFile::atTop).toList();
        if (top.stream().noneMatch(f -> f.path().equals(CONFIG))) {
            throw new HubException(Reason.NOT_A_MODEL, request + " has no config.json, so it is not a Hugging Face"
                    + " transformers model: pick a model repo such as Qwen/Qwen3-0.6B");
        }
        if (top.stream().noneMatch(f -> f.path().endsWith(".safetensors"))) {
            String others = top.stream().map(RepoFile::path).filter(p -> p.endsWith(".bin") || p.endsWith(".gguf")
                    || p.endsWith(".pth")).collect(Collectors.joining(", "));
            throw new HubException(Reason.NOT_A_MODEL, request + " has no .safetensors weights"
                    + (others.isEmpty() ? "" : " (only " + others + ")") + "; Whetstone reads safetensors: pick a repo"
                    + " that has them (most do; look for model.safetensors on its Files page)");
        }
        boolean sharded = info.file(SINGLE).isEmpty() && info.file(INDEX).isPresent();
        return top.stream().filter(f -> SUPPORT.contains(f.path()) || (sharded && f.path().equals(INDEX)))
                .sorted(Comparator.comparing(f -> !f.path().equals(CONFIG)))   // config.json first: the one file every model has
                .toList();
    }

    /** The weight files; {@code index} is the downloaded shard index, or null when there is none. */
    static List<RepoFile> weights(RepoInfo info, ModelRequest request, Path index) throws IOException {
        if (info.file(SINGLE).isPresent()) {
            return List.of(info.file(SINGLE).get());
        }
        if (index == null) {
            return info.files().stream().filter(f -> f.atTop() && f.path().endsWith(".safetensors")).toList();
        }
        JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
        Set<String> shards = new LinkedHashSet<>();
        map.forEach(shard -> shards.add(shard.asText()));
        if (shards.isEmpty()) {
            throw new HubException(Reason.NOT_A_MODEL, INDEX + " of " + request + " has no weight_map; the repo's"
                    + " weights are not usable as they are: pick another revision or repo");
        }
        List<RepoFile> files = new ArrayList<>();
        for (String shard : shards) {
            files.add(info.file(shard).filter(RepoFile::atTop).orElseThrow(() -> new HubException(Reason.NOT_A_MODEL,
                    INDEX + " of " + request + " names the shard " + shard + ", which the repo does not have:"
                    + " pick another revision or repo")));
        }
        return files;
    }
}
