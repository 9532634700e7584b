package dev.whetstone.resources.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The starter model's MANIFEST: what the recipe produced (sha256 of the shipped weights), what it started
 * from (sha256 of the initial weights, the corpus and the tokenizer), the first steps' losses, and the exact
 * command. A {@code key: value} text file, one entry a line.
 *
 * <p>Example: {@code String sha = StarterManifest.read(in).get("model.safetensors.sha256");}
 */
public final class StarterManifest {
    public static final String FILE = "MANIFEST";
    public static final String COMMAND = "mvn -B -q -o -pl resources -am install -DskipTests -Dskip.fixtures=true"
            + " && mvn -B -q -o -pl resources exec:java -Dexec.mainClass=dev.whetstone.resources.starter.StarterBuild -Dexec.classpathScope=test"
            + " -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1";
    /** How many first-step losses are recorded for the reproduction test. */
    public static final int FIRST_STEPS = 3;

    private final Map<String, String> entries;

    private StarterManifest(Map<String, String> entries) {
        this.entries = Map.copyOf(entries);
    }

    static StarterManifest of(StarterRecipe recipe, Path work, Path model, Duration took) throws IOException {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("model.safetensors.sha256", sha256(model.resolve("model.safetensors")));
        e.put("initial.model.safetensors.sha256", sha256(work.resolve("init/model.safetensors")));
        e.put("corpus.jsonl.sha256", sha256(work.resolve("corpus.jsonl")));
        e.put("tokenizer.json.sha256", sha256(model.resolve("tokenizer.json")));
        e.put("first.losses", String.join(" ", firstLosses(work.resolve("home/runs")
                .resolve(StarterRecipe.RUN_ID).resolve("metrics.jsonl"), FIRST_STEPS)));
        e.put("recipe", recipe.toString());
        e.put("seconds", Long.toString(took.toSeconds()));
        e.put("machine", Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("os.arch") + ", "
                + System.getProperty("java.version"));
        e.put("command", COMMAND);
        return new StarterManifest(e);
    }

    public static StarterManifest read(InputStream in) throws IOException {
        Map<String, String> e = new LinkedHashMap<>();
        for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                e.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return new StarterManifest(e);
    }

    public String get(String key) {
        String v = entries.get(key);
        if (v == null) {
            throw new IllegalArgumentException("MANIFEST has no " + key + "; it has " + entries.keySet());
        }
        return v;
    }

    void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String key : List.of("model.safetensors.sha256", "initial.model.safetensors.sha256", "corpus.jsonl.sha256",
                "tokenizer.json.sha256", "first.losses", "recipe", "seconds", "machine", "command")) {
            out.append(key).append(": ").append(entries.get(key)).append('\n');
        }
        Files.writeString(file, out);
    }

    /** The losses of the first {@code n} steps of a run's metrics.jsonl, as written there. */
    public static List<String> firstLosses(Path metrics, int n) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode m = json.readTree(line);
            if (m.has("loss") && out.size() < n) {
                out.add(m.get("loss").asText());
            }
        }
        return out;
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
