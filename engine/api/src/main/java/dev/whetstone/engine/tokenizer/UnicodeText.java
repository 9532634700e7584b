package dev.whetstone.engine.tokenizer;

/**
 * What the native tokenizer needs of a Java string: well-formed UTF-16 (a lone surrogate from a JSON
 * {@code "\ud800"} escape is no character), and a map from its code-point offsets back to {@code char}
 * offsets, built in one pass (Java's {@code offsetByCodePoints} from the start for every token is quadratic).
 */
final class UnicodeText {

    private UnicodeText() {
    }

    /** {@code text} with every unpaired surrogate replaced by U+FFFD: the same length, the same offsets. */
    static String wellFormed(String text) {
        int i = firstUnpaired(text, 0);
        if (i < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        while (i >= 0) {
            chars[i] = '\uFFFD';
            i = firstUnpaired(text, i + 1);
        }
        return new String(chars);
    }

    private static int firstUnpaired(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The {@code char} index of each code point of a well-formed {@code text}, plus one entry for its end; null when
     * every code point is one {@code char} (the indices are equal).
     */
    static int[] charIndexOfCodePoint(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            return null;
        }
        int[] index = new int[codePoints + 1];
        int at = 0;
        for (int cp = 0; cp < codePoints; cp++) {
            index[cp] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        index[codePoints] = text.length();
        return index;
    }

    /** {@code end}, moved back one if it would split a surrogate pair. */
    static int cutBefore(String text, int end) {
        return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }
}
