package dev.whetstone.resources.starter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A skill the starter base model lacks, taught by a small chat dataset whose held-out items are inputs never
 * seen in training; scored by exact match of the reply
 * ({@code dev.whetstone.engine.eval.ExactMatchEvaluator}).
 *
 * <p>Example: {@code StarterSkill.Splits s = StarterSkill.WORD_KIND.generate(11);}
 */
public enum StarterSkill {
    /**
     * "what is pears ?" → "we eat it". Held-out words never appear in training, so the model must
     * generalise from what pretraining put into their embeddings (the contexts each kind of word appears in).
     */
    WORD_KIND("word-kind") {
        @Override
        public Splits generate(long seed) {
            List<Exchange> train = new ArrayList<>();
            List<Exchange> heldout = new ArrayList<>();
            for (Map.Entry<String, List<String>> kind : KINDS.entrySet()) {
                List<String> words = new ArrayList<>(kind.getValue());
                java.util.Collections.shuffle(words, new Random(seed + kind.getKey().hashCode()));
                int held = Math.max(1, words.size() / 4);
                for (int i = 0; i < words.size(); i++) {
                    List<Exchange> target = i < held ? heldout : train;
                    for (String template : KIND_TEMPLATES) {
                        target.add(new Exchange(template.replace("X", words.get(i)), kind.getKey()));
                    }
                }
            }
            java.util.Collections.shuffle(train, new Random(seed));
            return new Splits(List.copyOf(train), List.copyOf(heldout));
        }
    },
    /** "how many words : red cat tea ?" → "3", for 2 to 7 words; held-out word lists never appear in training. */
    WORD_COUNT("word-count") {
        @Override
        public Splits generate(long seed) {
            Random random = new Random(seed);
            Set<String> seen = new LinkedHashSet<>();
            List<Exchange> train = new ArrayList<>();
            List<Exchange> heldout = new ArrayList<>();
            while (train.size() + heldout.size() < TRAIN_ROWS + HELDOUT_ROWS) {
                List<String> words = StarterCorpus.words(random, 2 + random.nextInt(6));
                if (seen.add(String.join(" ", words))) {
                    (train.size() < TRAIN_ROWS ? train : heldout).add(
                            new Exchange("how many words : " + String.join(" ", words) + " ?", Integer.toString(words.size())));
                }
            }
            return new Splits(List.copyOf(train), List.copyOf(heldout));
        }
    };

    public static final int TRAIN_ROWS = 400;
    public static final int HELDOUT_ROWS = 50;

    /** Kind of word → the words of that kind (the reply names the kind). */
    static final Map<String, List<String>> KINDS = new java.util.LinkedHashMap<>();
    static final List<String> KIND_TEMPLATES = List.of("what is X ?", "tell me what X is .");

    static {
        // replies use only the shipped vocabulary (it has no "food" or "animal")
        KINDS.put("a name", StarterVocabulary.NAMES);
        KINDS.put("we eat it", StarterVocabulary.FOODS);
        KINDS.put("a color", StarterVocabulary.COLORS);
        KINDS.put("it can sleep", StarterVocabulary.ANIMALS);
        KINDS.put("we go there", StarterVocabulary.PLACES);
        KINDS.put("a day", StarterVocabulary.DAYS);
        KINDS.put("the weather", StarterVocabulary.WEATHER);
        KINDS.put("we have it", StarterVocabulary.THINGS);
    }

    private final String folder;

    StarterSkill(String folder) {
        this.folder = folder;
    }

    /** The dataset's folder under {@code starter/datasets/}. */
    public String folder() {
        return folder;
    }

    /** The metric's name, e.g. {@code word-kind/exact_match}. */
    public String metricName() {
        return folder + "/exact_match";
    }

    /** Train and held-out rows, deterministic in {@code seed}; no held-out input appears in training. */
    public abstract Splits generate(long seed);

    /** A skill dataset's two splits. */
    public record Splits(List<Exchange> train, List<Exchange> heldout) {
    }
}
