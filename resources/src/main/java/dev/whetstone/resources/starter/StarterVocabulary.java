package dev.whetstone.resources.starter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The starter model's fixed vocabulary: roles, punctuation, the digits 0-9, a few hundred everyday words, and
 * Qwen's three special tokens at the end (as Qwen places them at 151643..151645).
 *
 * <p>Example: {@code int id = StarterVocabulary.tokens().indexOf("apples");}
 */
public final class StarterVocabulary {
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";

    static final List<String> ROLES = List.of("system", "user", "assistant");
    static final List<String> PUNCTUATION = List.of(".", ",", "?", "!", ":", "'", "-");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    static final List<String> NAMES = List.of("anna", "ben", "carla", "dan", "emma", "finn", "gina", "hugo", "ivy",
            "jack", "kate", "leo", "mia", "noah", "olga", "paul", "rosa", "sam", "tara", "umar", "vera", "will", "zoe",
            "adam", "bella", "chris", "diana", "eric", "fiona", "george");
    static final List<String> FOODS = List.of("apples", "bread", "cheese", "rice", "soup", "pasta", "pizza", "salad",
            "carrots", "beans", "eggs", "fish", "honey", "jam", "milk", "tea", "coffee", "cake", "cookies", "grapes",
            "lemons", "melons", "nuts", "oranges", "pears", "plums", "potatoes", "tomatoes", "yogurt", "noodles");
    static final List<String> COLORS = List.of("red", "blue", "green", "yellow", "black", "white", "brown", "pink",
            "purple", "gray", "gold", "silver");
    static final List<String> ANIMALS = List.of("cat", "dog", "cow", "horse", "sheep", "goat", "pig", "duck", "hen",
            "fox", "wolf", "bear", "lion", "tiger", "mouse", "rabbit", "frog", "owl", "eagle", "whale", "shark", "snake",
            "deer", "camel");
    static final List<String> PLACES = List.of("paris", "london", "rome", "berlin", "madrid", "tokyo", "cairo", "lima",
            "oslo", "vienna", "dublin", "prague", "lisbon", "delhi", "seoul", "sydney", "boston", "chicago", "denver",
            "toronto", "town", "village", "city", "park", "beach");
    static final List<String> WEATHER = List.of("sunny", "rainy", "cloudy", "windy", "snowy", "foggy", "warm", "cold",
            "hot", "cool");
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");
    static final List<String> THINGS = List.of("book", "ball", "car", "bus", "train", "bike", "song", "game", "hat",
            "cup", "chair", "table", "lamp", "door", "box", "key", "pen", "bag", "boat", "kite");
    static final List<String> COMMON = List.of("hello", "hi", "my", "name", "is", "i", "am", "you", "are", "nice",
            "to", "meet", "too", "and", "or", "the", "a", "an", "what", "how", "where", "who", "which", "it", "in",
            "on", "at", "of", "for", "from", "with", "today", "tomorrow", "yes", "no", "please", "thanks", "thank",
            "sure", "good", "great", "fine", "like", "love", "likes", "tasty", "weather", "color", "count", "up",
            "down", "plus", "minus", "list", "here", "there", "this", "that", "do", "does", "can", "will", "be", "was",
            "have", "has", "not", "very", "much", "many", "some", "all", "every", "day", "help", "me", "your", "we",
            "they", "he", "she", "go", "see", "make", "say", "tell", "know", "think", "want", "need", "get", "eat",
            "drink", "play", "run", "sleep", "read", "write", "sing", "walk", "swim", "fly", "small", "big", "old",
            "new", "happy", "sad", "busy", "first", "last", "next", "word", "words", "number", "after", "before",
            "again", "then", "so", "but", "because", "when", "morning", "evening", "night", "week", "home", "school",
            "work", "store", "friend", "family", "garden", "kitchen", "music", "comes", "twice", "swap", "lives",
            "favorite", "helpful", "welcome", "bye", "goodbye", "lovely", "lot", "hope");

    private static final List<String> TOKENS = build();

    private StarterVocabulary() {
    }

    /** Every token, in id order; the special tokens are the last three. */
    public static List<String> tokens() {
        return TOKENS;
    }

    /** Token to id. */
    public static Map<String, Integer> ids() {
        return TOKENS.stream().collect(Collectors.toMap(Function.identity(), TOKENS::indexOf, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    public static List<String> specials() {
        return List.of(END_OF_TEXT, IM_START, IM_END);
    }

    private static List<String> build() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (List<String> group : List.of(ROLES, PUNCTUATION, DIGITS, NAMES, FOODS, COLORS, ANIMALS, PLACES, WEATHER,
                DAYS, THINGS, COMMON)) {
            all.addAll(group);
        }
        List<String> out = new ArrayList<>(all);
        out.addAll(specials());
        return List.copyOf(out);
    }
}
