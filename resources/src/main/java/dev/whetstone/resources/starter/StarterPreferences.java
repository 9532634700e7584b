package dev.whetstone.resources.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * Preference pairs for DPO made from a starter skill: for each exchange the right reply is chosen and another reply
 * of the same skill (another kind of word, another count), drawn with a seed, is rejected. Written next to the
 * skill's files as {@code preference-train.jsonl} and {@code preference-heldout.jsonl} in the common layout:
 * {@code {"prompt": "what is pears ?", "chosen": "we eat it", "rejected": "a color"}}.
 *
 * <p>Example: {@code StarterKit.SkillFiles pairs = StarterPreferences.install(home, StarterSkill.WORD_KIND);}
 */
public final class StarterPreferences {
    public static final String TRAIN = "preference-train.jsonl";
    public static final String HELDOUT = "preference-heldout.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StarterPreferences() {
    }

    /** One JSONL row per exchange; the same exchanges and seed give the same rows. */
    public static List<String> rows(List<Exchange> exchanges, long seed) {
        List<String> replies = new ArrayList<>(new LinkedHashSet<>(exchanges.stream().map(Exchange::assistant).toList()));
        if (replies.size() < 2) {
            throw new IllegalArgumentException("a preference pair needs at least two different replies in the skill, had " + replies);
        }
        Random random = new Random(seed);
        List<String> rows = new ArrayList<>(exchanges.size());
        for (Exchange e : exchanges) {
            List<String> wrong = new ArrayList<>(replies);
            wrong.remove(e.assistant());
            ObjectNode row = JSON.createObjectNode();
            row.put("prompt", e.user());
            row.put("chosen", e.assistant());
            row.put("rejected", wrong.get(random.nextInt(wrong.size())));
            rows.add(row.toString());
        }
        return rows;
    }

    /**
     * The skill's preference files under {@code home}, made from its installed train and held-out files the first
     * time (existing files are kept).
     */
    public static StarterKit.SkillFiles install(Path home, StarterSkill skill) {
        StarterKit.SkillFiles skillFiles = StarterKit.installDataset(home, skill);
        StarterKit.SkillFiles pairs = files(home, skill);
        writeIfMissing(pairs.train(), skillFiles.train(), 1);
        writeIfMissing(pairs.heldout(), skillFiles.heldout(), 2);
        return pairs;
    }

    /** Where {@code skill}'s preference files are installed under {@code home} (nothing is written). */
    public static StarterKit.SkillFiles files(Path home, StarterSkill skill) {
        Path dir = StarterKit.datasetFiles(home, skill).train().getParent();
        return new StarterKit.SkillFiles(dir.resolve(TRAIN), dir.resolve(HELDOUT));
    }

    /** The skill whose installed preference training file under {@code home} is {@code file}, if it is one. */
    public static java.util.Optional<StarterSkill> skillOf(Path home, Path file) {
        Path wanted = file.toAbsolutePath().normalize();
        return java.util.Arrays.stream(StarterSkill.values())
                .filter(skill -> files(home, skill).train().toAbsolutePath().normalize().equals(wanted)).findFirst();
    }

    private static void writeIfMissing(Path target, Path source, long seed) {
        if (Files.isRegularFile(target)) {
            return;
        }
        try {
            List<String> rows = rows(Exchange.read(Files.readAllLines(source)), seed);
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", null);
            Files.write(tmp, rows);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the starter's preference pairs " + target, e);
        }
    }
}
