package dev.whetstone.resources.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The starter model and skill datasets shipped on the classpath, installed into an engine home without
 * network: the model into {@code <home>/models/whetstone-starter/}, the datasets into
 * {@code <home>/datasets/whetstone-starter/<skill>/}. Files already there are kept.
 *
 * <p>Example: {@code Path model = StarterKit.installModel(home);}
 */
public final class StarterKit {
    public static final String MODEL_NAME = "whetstone-starter";
    private static final String ROOT = "/starter/";

    private StarterKit() {
    }

    /** The folder the model is installed into under {@code home} (whether or not it is there yet). */
    public static Path modelDir(Path home) {
        return home.resolve("models").resolve(MODEL_NAME);
    }

    /** The installed model folder (copied from the classpath the first time). */
    public static Path installModel(Path home) {
        Path dir = modelDir(home);
        List<String> files = new ArrayList<>(StarterBuild.MODEL_FILES);
        files.add(StarterManifest.FILE);
        for (String file : files) {
            copyIfMissing("model/" + file, dir.resolve(file));
        }
        return dir;
    }

    /** The skill whose installed training file under {@code home} is {@code trainFile}, if it is one. */
    public static Optional<StarterSkill> skillOf(Path home, Path trainFile) {
        Path file = trainFile.toAbsolutePath().normalize();
        return Arrays.stream(StarterSkill.values())
                .filter(skill -> datasetDir(home, skill).resolve("train.jsonl").toAbsolutePath().normalize().equals(file))
                .findFirst();
    }

    private static Path datasetDir(Path home, StarterSkill skill) {
        return home.resolve("datasets").resolve(MODEL_NAME).resolve(skill.folder());
    }

    /** Where {@code skill}'s train and held-out files are installed under {@code home} (nothing is copied). */
    public static SkillFiles datasetFiles(Path home, StarterSkill skill) {
        Path dir = datasetDir(home, skill);
        return new SkillFiles(dir.resolve("train.jsonl"), dir.resolve("heldout.jsonl"));
    }

    /** The installed train and held-out files of {@code skill}. */
    public static SkillFiles installDataset(Path home, StarterSkill skill) {
        Path dir = datasetDir(home, skill);
        String base = "datasets/" + skill.folder() + "/";
        Path train = copyIfMissing(base + "train.jsonl", dir.resolve("train.jsonl"));
        Path heldout = copyIfMissing(base + "heldout.jsonl", dir.resolve("heldout.jsonl"));
        return new SkillFiles(train, heldout);
    }

    /** The shipped MANIFEST of the model. */
    public static StarterManifest manifest() {
        try (InputStream in = open("model/" + StarterManifest.FILE)) {
            return StarterManifest.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyIfMissing(String resource, Path target) {
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = open(resource)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", null);
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install the starter's " + resource + " into " + target, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = StarterKit.class.getResourceAsStream(ROOT + resource);
        if (in == null) {
            throw new IllegalStateException("the starter's " + resource + " is missing from the classpath; rebuild "
                    + "whetstone-resources (resources/README.md)");
        }
        return in;
    }

    /** A skill dataset's installed files. */
    public record SkillFiles(Path train, Path heldout) {
        public List<Exchange> heldoutItems() {
            try {
                return Exchange.read(Files.readAllLines(heldout));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
