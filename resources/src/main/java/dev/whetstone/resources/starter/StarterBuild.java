package dev.whetstone.resources.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one command that reproduces everything under {@code resources/src/main/resources/starter/}: the
 * pretrained model folder with its MANIFEST, and the skill datasets.
 *
 * <p>Run from the repository root (see resources/README.md): {@code java ... StarterBuild [OUT_DIR] [--datasets-only]}.
 */
public final class StarterBuild {
    public static final String DEFAULT_OUT = "resources/src/main/resources/starter";
    /** The skill datasets' seed. */
    public static final long SKILL_SEED = 11L;
    static final List<String> MODEL_FILES = List.of("config.json", "model.safetensors", "tokenizer.json",
            "tokenizer_config.json");

    private StarterBuild() {
    }

    public static void main(String[] args) throws IOException {
        List<String> flags = List.of(args);
        boolean datasetsOnly = flags.contains("--datasets-only");
        Path out = Path.of(flags.stream().filter(a -> !a.startsWith("--")).findFirst().orElse(DEFAULT_OUT)).toAbsolutePath();
        Instant start = Instant.now();
        writeDatasets(out.resolve("datasets"));
        if (datasetsOnly) {
            return;
        }
        StarterRecipe recipe = StarterRecipe.shipped();
        Path work = Files.createTempDirectory("whetstone-starter-");
        Path trained = recipe.pretrain(work);
        Path model = Files.createDirectories(out.resolve("model"));
        for (String file : MODEL_FILES) {
            Path from = file.startsWith("tokenizer") ? work.resolve("init").resolve(file) : trained.resolve(file);
            Files.copy(from, model.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Duration took = Duration.between(start, Instant.now());
        StarterManifest.of(recipe, work, model, took).write(model.resolve(StarterManifest.FILE));
        System.out.println("starter model written to " + model + " in " + took.toSeconds() + " s");
    }

    public static void writeDatasets(Path datasets) throws IOException {
        for (StarterSkill skill : StarterSkill.values()) {
            StarterSkill.Splits splits = skill.generate(SKILL_SEED + skill.ordinal());
            Exchange.write(datasets.resolve(skill.folder()).resolve("train.jsonl"), splits.train());
            Exchange.write(datasets.resolve(skill.folder()).resolve("heldout.jsonl"), splits.heldout());
        }
    }
}
