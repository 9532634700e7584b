package dev.whetstone.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A sequence of token ids fed to the model: the prompt of a sample, or the input of a {@link Datum}.
 *
 * <p>Immutable; the ids are copied on the way in and out. Tinker's {@code ModelInput} holds chunks; we
 * hold text tokens only, so a chunk list collapses to one {@code int[]}:
 * {@code ModelInput prompt = ModelInput.fromInts(tokenizer.encode("Hello"));}
 */
public final class ModelInput {

    private static final ModelInput EMPTY = new ModelInput(new int[0]);
    private static final int TO_STRING_TOKENS = 8;

    private final int[] tokens;

    private ModelInput(int[] tokens) {
        this.tokens = tokens;
    }

    /** An input of the given token ids: {@code ModelInput.fromInts(1, 2, 3)}. */
    public static ModelInput fromInts(int... tokens) {
        Objects.requireNonNull(tokens, "tokens");
        int[] copy = tokens.clone();
        for (int i = 0; i < copy.length; i++) {
            requireValidToken(i, copy[i]);
        }
        return new ModelInput(copy);
    }

    /** An input of the given token ids: {@code ModelInput.fromInts(List.of(1, 2, 3))}. */
    public static ModelInput fromInts(List<Integer> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        int[] copy = new int[tokens.size()];
        int i = 0;
        for (Integer token : tokens) {
            if (token == null) {
                throw new IllegalArgumentException("token at index " + i + " must not be null");
            }
            requireValidToken(i, token);
            copy[i++] = token;
        }
        return new ModelInput(copy);
    }

    /** The input with no tokens: {@code ModelInput.empty().length() == 0}. */
    public static ModelInput empty() {
        return EMPTY;
    }

    /** A copy of the token ids: {@code int[] ids = input.toInts();} */
    public int[] toInts() {
        return tokens.clone();
    }

    /** Number of tokens: {@code ModelInput.fromInts(5, 6).length() == 2}. */
    public int length() {
        return tokens.length;
    }

    /** The token id at position {@code i}: {@code ModelInput.fromInts(5, 6).tokenAt(1) == 6}. */
    public int tokenAt(int i) {
        Objects.checkIndex(i, tokens.length);
        return tokens[i];
    }

    /** A new input with {@code other}'s tokens after this one's: {@code prompt.append(completion)}. */
    public ModelInput append(ModelInput other) {
        Objects.requireNonNull(other, "other");
        int[] joined = Arrays.copyOf(tokens, tokens.length + other.tokens.length);
        System.arraycopy(other.tokens, 0, joined, tokens.length, other.tokens.length);
        return new ModelInput(joined);
    }

    /** A new input with one more token at the end: {@code prompt.appendInt(eosId)}. */
    public ModelInput appendInt(int token) {
        requireValidToken(tokens.length, token);
        int[] joined = Arrays.copyOf(tokens, tokens.length + 1);
        joined[tokens.length] = token;
        return new ModelInput(joined);
    }

    private static void requireValidToken(int index, int token) {
        if (token < 0) {
            throw new IllegalArgumentException(
                    "token at index " + index + " must be >= 0, was " + token);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInput other && Arrays.equals(tokens, other.tokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokens);
    }

    /** {@code ModelInput[length=3, tokens=[1, 2, 3]]}, with at most the first eight tokens shown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ModelInput[length=").append(tokens.length).append(", tokens=[");
        int shown = Math.min(tokens.length, TO_STRING_TOKENS);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(tokens[i]);
        }
        if (tokens.length > shown) {
            sb.append(", ...");
        }
        return sb.append("]]").toString();
    }
}
