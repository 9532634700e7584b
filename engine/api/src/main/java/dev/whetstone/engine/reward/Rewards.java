package dev.whetstone.engine.reward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The built-in rewards, named as {@code train --reward} takes them; each gives 1 or 0 per completion:
 *
 * <ul>
 *   <li>{@code exact-match:FIELD} — the completion, trimmed, equals the row's {@code FIELD}, trimmed;</li>
 *   <li>{@code numeric:FIELD} — the last number in the completion equals the row's {@code FIELD} as a number;</li>
 *   <li>{@code regex:PATTERN} — the completion contains a match of the Java regular expression;</li>
 *   <li>{@code json} — the completion, trimmed, is a JSON object or array;</li>
 *   <li>{@code length:MIN-MAX} — the completion has MIN to MAX characters (either may be left out: {@code length:-200}).</li>
 * </ul>
 *
 * <p>Example: {@code Reward r = Rewards.parse("exact-match:answer");}
 */
public final class Rewards {
    /** The built-ins, as help texts list them. */
    public static final List<String> BUILT_INS = List.of("exact-match:FIELD", "numeric:FIELD", "regex:PATTERN", "json",
            "length:MIN-MAX");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private Rewards() {
    }

    /**
     * The built-in {@code spec} names.
     *
     * @throws IllegalArgumentException naming the spec and the built-ins when it is not one
     */
    public static Reward parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        return switch (name) {
            case "exact-match" -> field(s, arg, in -> in.field(arg) != null && in.completion().strip().equals(in.field(arg).strip()) ? 1 : 0);
            case "numeric" -> field(s, arg, in -> in.field(arg) != null && numericMatch(in.completion(), in.field(arg)) ? 1 : 0);
            case "regex" -> regex(s, arg);
            case "json" -> simple(s, in -> isJson(in.completion()) ? 1 : 0);
            case "length" -> length(s, arg);
            default -> throw unknown(spec);
        };
    }

    /** A reward program run as {@code command}, killed after {@code timeout} per batch. */
    public static Reward command(String command, Duration timeout) {
        return new RewardCommand(command, timeout);
    }

    private static Reward field(String spec, String field, ToDoubleFunction<RewardInput> score) {
        if (field.isBlank()) {
            throw new IllegalArgumentException("the reward '" + spec + "' needs a field: e.g. " + spec.replace(":", "") + ":answer");
        }
        return new BuiltIn(spec, Set.of(field), score);
    }

    private static Reward simple(String spec, ToDoubleFunction<RewardInput> score) {
        return new BuiltIn(spec, Set.of(), score);
    }

    private static Reward regex(String spec, String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("the reward 'regex:' needs a pattern: e.g. regex:^\\d+$");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the reward '" + spec + "' has a bad regular expression: " + e.getDescription(), e);
        }
        return simple(spec, in -> compiled.matcher(in.completion()).find() ? 1 : 0);
    }

    private static Reward length(String spec, String range) {
        Matcher m = Pattern.compile("(\\d*)-(\\d*)").matcher(range.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            throw new IllegalArgumentException("the reward '" + spec + "' needs a range of characters: length:MIN-MAX, "
                    + "e.g. length:10-200 or length:-200");
        }
        long min = m.group(1).isEmpty() ? 0 : Long.parseLong(m.group(1));
        long max = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (min > max) {
            throw new IllegalArgumentException("the reward '" + spec + "' has MIN > MAX");
        }
        return simple(spec, in -> in.completion().length() >= min && in.completion().length() <= max ? 1 : 0);
    }

    static boolean numericMatch(String completion, String expected) {
        Matcher numbers = NUMBER.matcher(completion.replace(",", ""));
        String last = null;
        while (numbers.find()) {
            last = numbers.group();
        }
        if (last == null) {
            return false;
        }
        try {
            double want = Double.parseDouble(expected.strip().replace(",", ""));
            double got = Double.parseDouble(last);
            return Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isJson(String text) {
        try {
            JsonNode node = JSON.readTree(text.strip());
            return node != null && (node.isObject() || node.isArray());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown reward '" + spec + "'; use one of " + BUILT_INS
                + ", or your own program with --reward-command");
    }

    /** A built-in: a pure function of the completion and its row. */
    private record BuiltIn(String spec, Set<String> requiredFields, ToDoubleFunction<RewardInput> function) implements Reward {
        @Override
        public double[] score(List<RewardInput> inputs) {
            double[] out = new double[inputs.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = function.applyAsDouble(inputs.get(i));
            }
            return out;
        }

        @Override
        public String describe() {
            return spec;
        }
    }
}
