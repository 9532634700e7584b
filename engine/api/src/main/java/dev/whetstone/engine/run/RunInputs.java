package dev.whetstone.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The input files of a run and their SHA-256, as its run card records them: the dataset, the held-out
 * exact-match file, a DPO or GRPO run's held-out file, and of the base model folder the chat template, {@code tokenizer.json}, {@code config.json}
 * and the weights the loader reads ({@code model.safetensors}; else {@code model.safetensors.index.json}; else
 * every {@code *.safetensors}). A file that is not on this machine (a model on a remote engine) is left out.
 *
 * <p>Example: {@code List<InputChange> changed = RunInputs.changes(card.inputs(), RunInputs.of(config, modelDir));}
 */
public final class RunInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SINGLE_WEIGHTS = "model.safetensors";
    private static final String WEIGHT_INDEX = "model.safetensors.index.json";

    private RunInputs() {
    }

    /** The fingerprints of {@code config}'s files and of the model folder {@code modelDir} (null: none). */
    public static List<RunInput> of(TrainingConfig config, Path modelDir) {
        List<RunInput> inputs = new ArrayList<>();
        file(inputs, RunInput.Role.DATASET, Path.of(config.dataset()));
        if (config.evalExactMatchFile() != null) {
            file(inputs, RunInput.Role.EXACT_MATCH_FILE, Path.of(config.evalExactMatchFile()));
        }
        String heldout = config.dpo() != null ? config.dpo().heldoutFile()
                : config.grpo() != null ? config.grpo().heldoutFile() : null;
        if (heldout != null) {
            file(inputs, RunInput.Role.HELDOUT_FILE, Path.of(heldout));
        }
        if (modelDir == null || !Files.isDirectory(modelDir)) {
            return inputs;
        }
        chatTemplate(inputs, modelDir);
        file(inputs, RunInput.Role.TOKENIZER, modelDir.resolve("tokenizer.json"));
        file(inputs, RunInput.Role.MODEL_CONFIG, modelDir.resolve("config.json"));
        if (Files.isRegularFile(modelDir.resolve(SINGLE_WEIGHTS))) {
            file(inputs, RunInput.Role.WEIGHTS, modelDir.resolve(SINGLE_WEIGHTS));
        } else if (Files.isRegularFile(modelDir.resolve(WEIGHT_INDEX))) {
            file(inputs, RunInput.Role.WEIGHT_INDEX, modelDir.resolve(WEIGHT_INDEX));
        } else {
            try (Stream<Path> files = Files.list(modelDir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted()
                        .forEach(p -> file(inputs, RunInput.Role.WEIGHTS, p));
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + modelDir, e);
            }
        }
        return inputs;
    }

    /** The recorded inputs that {@code now} lacks or fingerprints differently, in the recorded order. */
    public static List<InputChange> changes(List<RunInput> recorded, List<RunInput> now) {
        Map<String, String> current = new LinkedHashMap<>();
        now.forEach(i -> current.put(key(i), i.sha256()));
        List<InputChange> changes = new ArrayList<>();
        for (RunInput before : recorded) {
            String sha = current.get(key(before));
            if (!before.sha256().equals(sha)) {
                changes.add(new InputChange(before, sha));
            }
        }
        return changes;
    }

    /** The SHA-256 of {@code bytes}, as 64 lowercase hex digits. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The SHA-256 of {@code file}'s bytes, read in 1 MiB blocks. */
    public static String sha256(Path file) {
        MessageDigest digest = digest();
        byte[] block = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                digest.update(block, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + " to fingerprint it", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code chat_template.jinja} when the folder has one (it wins, as in transformers), else the template text in {@code tokenizer_config.json}. */
    private static void chatTemplate(List<RunInput> inputs, Path modelDir) {
        Path jinja = modelDir.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            file(inputs, RunInput.Role.CHAT_TEMPLATE, jinja);
            return;
        }
        Path config = modelDir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(config)) {
            return;
        }
        JsonNode template;
        try {
            template = JSON.readTree(config.toFile()).path("chat_template");
        } catch (IOException e) {
            return;   // the tokenizer reports a garbled tokenizer_config.json where it reads it
        }
        if (!template.isMissingNode() && !template.isNull()) {
            String text = template.isTextual() ? template.textValue() : template.toString();
            inputs.add(new RunInput(RunInput.Role.CHAT_TEMPLATE, config.toAbsolutePath().toString(),
                    sha256(text.getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static void file(List<RunInput> inputs, RunInput.Role role, Path file) {
        if (Files.isRegularFile(file)) {
            inputs.add(new RunInput(role, file.toAbsolutePath().toString(), sha256(file)));
        }
    }

    private static String key(RunInput input) {
        return input.role().id() + " " + input.path();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
