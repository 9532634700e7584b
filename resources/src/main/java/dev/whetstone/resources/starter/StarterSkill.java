package dev.whetstone.resources.starter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A skill the starter base model lacks, taught by a small chat dataset: a fixed rule applied to a list of
 * words the model has seen, so held-out items are new word lists. Scored by exact match of the reply.
 *
 * <p>Example: {@code Exchange e = StarterSkill.LAST_WORD.exchange(List.of("red", "cat", "tea"));}
 */
public enum StarterSkill {
    /** "what is the last word : red cat tea ?" → "tea". */
    LAST_WORD("last-word") {
        @Override
        Exchange exchange(List<String> words) {
            return new Exchange("what is the last word : " + String.join(" ", words) + " ?", words.get(words.size() - 1));
        }
    },
    /** "say the first word twice : red cat tea" → "red red". */
    FIRST_WORD_TWICE("first-word-twice") {
        @Override
        Exchange exchange(List<String> words) {
            return new Exchange("say the first word twice : " + String.join(" ", words), words.get(0) + " " + words.get(0));
        }
    };

    public static final int TRAIN_ROWS = 400;
    public static final int HELDOUT_ROWS = 50;

    private final String folder;

    StarterSkill(String folder) {
        this.folder = folder;
    }

    /** The dataset's folder under {@code starter/datasets/}. */
    public String folder() {
        return folder;
    }

    /** The metric's name, e.g. {@code last-word/exact_match}. */
    public String metricName() {
        return folder + "/exact_match";
    }

    abstract Exchange exchange(List<String> words);

    /** Train then held-out rows; no word list appears in both. Deterministic in {@code seed}. */
    public Splits generate(long seed) {
        Random random = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<Exchange> train = new ArrayList<>();
        List<Exchange> heldout = new ArrayList<>();
        while (train.size() + heldout.size() < TRAIN_ROWS + HELDOUT_ROWS) {
            List<String> words = StarterCorpus.words(random, 3 + random.nextInt(3));
            if (!seen.add(String.join(" ", words))) {
                continue;
            }
            (train.size() < TRAIN_ROWS ? train : heldout).add(exchange(words));
        }
        return new Splits(List.copyOf(train), List.copyOf(heldout));
    }

    /** A skill dataset's two splits. */
    public record Splits(List<Exchange> train, List<Exchange> heldout) {
    }
}
