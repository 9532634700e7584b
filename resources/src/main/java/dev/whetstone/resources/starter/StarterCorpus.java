package dev.whetstone.resources.starter;

import static dev.whetstone.resources.starter.StarterVocabulary.ANIMALS;
import static dev.whetstone.resources.starter.StarterVocabulary.COLORS;
import static dev.whetstone.resources.starter.StarterVocabulary.DAYS;
import static dev.whetstone.resources.starter.StarterVocabulary.FOODS;
import static dev.whetstone.resources.starter.StarterVocabulary.NAMES;
import static dev.whetstone.resources.starter.StarterVocabulary.PLACES;
import static dev.whetstone.resources.starter.StarterVocabulary.THINGS;
import static dev.whetstone.resources.starter.StarterVocabulary.WEATHER;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The pretraining corpus: templated everyday conversations (greetings, food, weather, sums, animal colours,
 * lists, counting, days, friends) so the model learns the chat format, the vocabulary and copying words from
 * the user's turn. Deterministic in its seed.
 *
 * <p>Example: {@code List<Exchange> rows = StarterCorpus.generate(6000, 1L);}
 */
public final class StarterCorpus {
    private static final List<Function<Random, Exchange>> TOPICS = List.of(
            StarterCorpus::greeting, StarterCorpus::food, StarterCorpus::weather, StarterCorpus::sum,
            StarterCorpus::animalColor, StarterCorpus::list, StarterCorpus::count, StarterCorpus::nextDay,
            StarterCorpus::friend, StarterCorpus::thing);

    private StarterCorpus() {
    }

    public static List<Exchange> generate(int rows, long seed) {
        Random random = new Random(seed);
        List<Exchange> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(TOPICS.get(random.nextInt(TOPICS.size())).apply(random));
        }
        return out;
    }

    private static Exchange greeting(Random r) {
        String n = pick(r, NAMES);
        return new Exchange("hello , my name is " + n + " .", "hello " + n + " ! nice to meet you .");
    }

    private static Exchange food(Random r) {
        String a = pick(r, FOODS);
        String b = pick(r, FOODS);
        return new Exchange("i like " + a + " and " + b + " .", a + " and " + b + " are tasty . i like " + b + " too .");
    }

    private static Exchange weather(Random r) {
        String p = pick(r, PLACES);
        return new Exchange("what is the weather in " + p + " today ?", "it is " + pick(r, WEATHER) + " in " + p + " today .");
    }

    private static Exchange sum(Random r) {
        int a = r.nextInt(10);
        int b = r.nextInt(10);
        return new Exchange("what is " + a + " plus " + b + " ?", a + " plus " + b + " is " + (a + b) + " .");
    }

    /** Each animal has one colour, so this topic is knowledge, not copying. */
    private static Exchange animalColor(Random r) {
        int i = r.nextInt(ANIMALS.size());
        String a = ANIMALS.get(i);
        return new Exchange("what color is the " + a + " ?", "the " + a + " is " + COLORS.get(i * 7 % COLORS.size()) + " .");
    }

    private static Exchange list(Random r) {
        List<String> words = words(r, 2 + r.nextInt(3));
        return new Exchange("please list : " + String.join(" ", words) + " .", "sure : " + String.join(" , ", words) + " .");
    }

    private static Exchange count(Random r) {
        int from = r.nextInt(6);
        int to = from + 1 + r.nextInt(9 - from);
        StringBuilder reply = new StringBuilder();
        for (int i = from; i <= to; i++) {
            reply.append(i).append(' ');
        }
        return new Exchange("count from " + from + " to " + to + " .", reply.append('.').toString());
    }

    private static Exchange nextDay(Random r) {
        int i = r.nextInt(DAYS.size());
        String next = DAYS.get((i + 1) % DAYS.size());
        return new Exchange("what day comes after " + DAYS.get(i) + " ?", next + " comes after " + DAYS.get(i) + " .");
    }

    private static Exchange friend(Random r) {
        String n = pick(r, NAMES);
        String p = pick(r, PLACES);
        return new Exchange("my friend " + n + " lives in " + p + " .", "that is nice ! i hope " + n + " likes " + p + " .");
    }

    private static Exchange thing(Random r) {
        String t = pick(r, THINGS);
        String c = pick(r, COLORS);
        return new Exchange("i have a " + c + " " + t + " .", "a " + c + " " + t + " ! that is lovely .");
    }

    /** Words for lists: foods, animals, colours and things. */
    static List<String> words(Random r, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> group = switch (r.nextInt(4)) {
                case 0 -> FOODS;
                case 1 -> ANIMALS;
                case 2 -> COLORS;
                default -> THINGS;
            };
            out.add(pick(r, group));
        }
        return out;
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }
}
