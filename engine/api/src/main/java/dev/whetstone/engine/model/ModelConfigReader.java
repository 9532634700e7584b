package dev.whetstone.engine.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code config.json} into a {@link ModelConfig}, applying the defaults of the matching
 * transformers config class ({@code Qwen3Config}, {@code Qwen2Config}, {@code LlamaConfig},
 * {@code MistralConfig}) for absent keys, and naming the file, field, value and fix for every problem.
 */
final class ModelConfigReader {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String NOT_A_DECODER = "the file is corrupt or not a decoder config";
    private static final Map<String, Architecture> MODEL_TYPES = Map.of(
            "qwen3", Architecture.QWEN3, "qwen2", Architecture.QWEN2,
            "llama", Architecture.LLAMA, "mistral", Architecture.MISTRAL);

    private final Path file;
    private final JsonNode root;

    private ModelConfigReader(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static ModelConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + " does not exist; a model folder needs the config.json"
                    + " from its Hugging Face repository", e);
        } catch (JacksonException e) {
            throw new ModelFormatException(file + " is not valid JSON (" + e.getOriginalMessage() + "); "
                    + NOT_A_DECODER, e);
        } catch (IOException e) {
            throw new ModelFormatException(file + " cannot be read (" + e + "); check its permissions", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file + " does not hold a JSON object; " + NOT_A_DECODER);
        }
        return new ModelConfigReader(file, root).config();
    }

    private ModelConfig config() {
        Architecture arch = architecture();
        int hidden = positiveInt("hidden_size");
        int heads = positiveInt("num_attention_heads");
        int kvHeads = optionalPositiveInt("num_key_value_heads", arch == Architecture.MISTRAL ? 8 : heads, heads);
        if (heads % kvHeads != 0) {
            throw error("field 'num_key_value_heads' = " + kvHeads + " must divide 'num_attention_heads' = "
                    + heads + "; " + NOT_A_DECODER);
        }
        boolean llamaLike = arch == Architecture.LLAMA || arch == Architecture.MISTRAL;
        requireSilu();
        if (bool("mlp_bias", false)) {
            throw error("field 'mlp_bias' = true is not supported (no supported architecture has MLP biases);"
                    + " pick a model without MLP biases");
        }
        return new ModelConfig(
                arch,
                positiveInt("vocab_size"),
                hidden,
                positiveInt("intermediate_size"),
                positiveInt("num_hidden_layers"),
                heads,
                kvHeads,
                headDim(arch, hidden, heads),
                positiveDouble("rms_norm_eps", 1e-6),
                ropeTheta(),
                ropeScaling(),
                optionalPositiveInt("max_position_embeddings", defaultMaxPositions(arch), null),
                bool("tie_word_embeddings", false),
                switch (arch) {
                    case QWEN2 -> true; // Qwen2Attention: q/k/v always biased, o never
                    case MISTRAL -> false; // MistralAttention: never biased, whatever the config says
                    default -> bool("attention_bias", false);
                },
                arch == Architecture.QWEN3,
                tokenId("bos_token_id", llamaLike ? 1 : null),
                eosTokenIds(llamaLike ? List.of(2) : List.of()),
                torchDtype());
    }

    private Architecture architecture() {
        JsonNode list = root.get("architectures");
        if (list == null || list.isNull()) {
            Architecture byType = MODEL_TYPES.get(root.path("model_type").asText(""));
            if (byType != null) {
                return byType;
            }
            throw error("field 'architectures' is missing; " + NOT_A_DECODER + " (supported: "
                    + Architecture.supportedNames() + ")");
        }
        if (!list.isArray() || list.isEmpty() || !list.get(0).isTextual()) {
            throw error("field 'architectures' = " + list + " must be a list of class names like [\""
                    + Architecture.QWEN3.hfName() + "\"]; " + NOT_A_DECODER);
        }
        String name = list.get(0).asText();
        try {
            return Architecture.fromHfName(name);
        } catch (IllegalArgumentException e) {
            throw error("field 'architectures' = " + list + ": '" + name + "' is not supported; supported: "
                    + Architecture.supportedNames() + "; pick a model of one of these families");
        }
    }

    /** Explicit {@code head_dim}, else Qwen3Config's default 128, else D / H as the other classes do. */
    private int headDim(Architecture arch, int hidden, int heads) {
        int headDim;
        if (present("head_dim")) {
            headDim = positiveInt("head_dim");
        } else if (arch == Architecture.QWEN3 && !root.has("head_dim")) {
            headDim = 128;
        } else {
            if (hidden % heads != 0) {
                throw error("field 'hidden_size' = " + hidden + " is not a multiple of 'num_attention_heads' = "
                        + heads + " and 'head_dim' is absent; " + NOT_A_DECODER);
            }
            headDim = hidden / heads;
        }
        if (headDim % 2 != 0) {
            throw error("head dim = " + headDim + " must be even for rotary embeddings; " + NOT_A_DECODER);
        }
        return headDim;
    }

    /** {@code rope_theta}, or inside transformers 5's {@code rope_parameters}, else 10000. */
    private double ropeTheta() {
        if (present("rope_theta")) {
            return ropeTheta("rope_theta", root.get("rope_theta"));
        }
        JsonNode params = root.get("rope_parameters");
        if (params != null && params.isObject() && params.hasNonNull("rope_theta")) {
            return ropeTheta("rope_parameters.rope_theta", params.get("rope_theta"));
        }
        return 10000.0;
    }

    private double ropeTheta(String key, JsonNode theta) {
        if (!theta.isNumber() || !(theta.asDouble() > 1) || Double.isInfinite(theta.asDouble())) {
            throw error("field '" + key + "' = " + theta + " must be a number > 1; " + NOT_A_DECODER);
        }
        return theta.asDouble();
    }

    /** {@code rope_scaling} (or transformers 5's {@code rope_parameters}): none, "default" or "llama3". */
    private RopeScaling ropeScaling() {
        String key = present("rope_scaling") ? "rope_scaling" : "rope_parameters";
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw error("field '" + key + "' = " + node + " must be an object; " + NOT_A_DECODER);
        }
        String type = node.hasNonNull("rope_type") ? node.get("rope_type").asText()
                : node.hasNonNull("type") ? node.get("type").asText() : "default";
        if (type.equals("default")) {
            return null;
        }
        if (!type.equals(RopeScaling.LLAMA3)) {
            throw error("field '" + key + ".rope_type' = \"" + type + "\" is not supported; supported: \""
                    + RopeScaling.LLAMA3 + "\" (or no scaling, \"default\"); pick a model without this scaling");
        }
        try {
            return RopeScaling.llama3(
                    scalingNumber(key, node, "factor"),
                    scalingNumber(key, node, "low_freq_factor"),
                    scalingNumber(key, node, "high_freq_factor"),
                    (int) scalingNumber(key, node, "original_max_position_embeddings"));
        } catch (IllegalArgumentException e) {
            throw error("field '" + key + "' = " + node + " is invalid: " + e.getMessage() + "; " + NOT_A_DECODER);
        }
    }

    private double scalingNumber(String key, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw error("field '" + key + "." + field + "' = " + value + " must be a number for llama3 scaling; "
                    + NOT_A_DECODER);
        }
        return value.asDouble();
    }

    private void requireSilu() {
        String act = present("hidden_act") ? root.get("hidden_act").asText() : "silu";
        if (!act.equals("silu")) {
            throw error("field 'hidden_act' = \"" + act + "\" is not supported; supported: \"silu\"; "
                    + NOT_A_DECODER);
        }
    }

    private Integer tokenId(String key, Integer fallback) {
        if (!root.has(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (node.isNull()) {
            return null;
        }
        return nonNegativeInt(key, node);
    }

    private List<Integer> eosTokenIds(List<Integer> fallback) {
        String key = "eos_token_id";
        if (!root.has(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        List<Integer> ids = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> ids.add(nonNegativeInt(key, n)));
        } else if (!node.isNull()) {
            ids.add(nonNegativeInt(key, node));
        }
        return ids;
    }

    private String torchDtype() {
        for (String key : List.of("torch_dtype", "dtype")) {
            if (present(key) && root.get(key).isTextual()) {
                return root.get(key).asText();
            }
        }
        return "float32";
    }

    private static int defaultMaxPositions(Architecture arch) {
        return switch (arch) {
            case QWEN3, QWEN2 -> 32768;
            case LLAMA -> 2048;
            case MISTRAL -> 4096 * 32;
        };
    }

    private boolean present(String key) {
        return root.hasNonNull(key);
    }

    private int positiveInt(String key) {
        if (!present(key)) {
            throw error("field '" + key + "' is missing; " + NOT_A_DECODER);
        }
        return positiveInt(key, root.get(key));
    }

    /** The key's value; {@code absent} if the key is not there, {@code ifNull} if it is null. */
    private int optionalPositiveInt(String key, int absent, Integer ifNull) {
        if (!root.has(key)) {
            return absent;
        }
        if (root.get(key).isNull()) {
            if (ifNull == null) {
                return absent;
            }
            return ifNull;
        }
        return positiveInt(key, root.get(key));
    }

    private int positiveInt(String key, JsonNode node) {
        int value = wholeNumber(key, node);
        if (value <= 0) {
            throw error("field '" + key + "' = " + node + " must be > 0; " + NOT_A_DECODER);
        }
        return value;
    }

    private int nonNegativeInt(String key, JsonNode node) {
        int value = wholeNumber(key, node);
        if (value < 0) {
            throw error("field '" + key + "' = " + node + " must be >= 0; " + NOT_A_DECODER);
        }
        return value;
    }

    private int wholeNumber(String key, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("field '" + key + "' = " + node + " must be a whole number; " + NOT_A_DECODER);
        }
        return node.asInt();
    }

    private double positiveDouble(String key, double fallback) {
        if (!present(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (!node.isNumber() || !(node.asDouble() > 0) || Double.isInfinite(node.asDouble())) {
            throw error("field '" + key + "' = " + node + " must be a number > 0; " + NOT_A_DECODER);
        }
        return node.asDouble();
    }

    private boolean bool(String key, boolean fallback) {
        if (!present(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (!node.isBoolean()) {
            throw error("field '" + key + "' = " + node + " must be true or false; " + NOT_A_DECODER);
        }
        return node.asBoolean();
    }

    private ModelFormatException error(String problem) {
        return new ModelFormatException(file + ": " + problem);
    }
}
