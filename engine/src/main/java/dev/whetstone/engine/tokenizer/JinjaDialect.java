package dev.whetstone.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the bits of Python/Jinja2 syntax that Hugging Face chat templates use and Jinjava's parser
 * rejects, into equivalent Jinjava syntax:
 * <ul>
 *   <li>{@code xs[::-1]} becomes {@code xs|reverse} (the text {@code [::-1]} is replaced wherever it occurs);</li>
 *   <li>named arguments of {@code namespace(...)} get parentheses, because Jinjava binds
 *       {@code last=messages|length - 1} as {@code (last=messages|length) - 1}.</li>
 * </ul>
 */
final class JinjaDialect {

    private static final String NAMESPACE_CALL = "namespace(";

    private JinjaDialect() {
    }

    static String toJinjava(String source) {
        return parenthesizeNamespaceArguments(source.replace("[::-1]", "|reverse"));
    }

    private static String parenthesizeNamespaceArguments(String source) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        int from = 0;
        int call;
        while ((call = source.indexOf(NAMESPACE_CALL, from)) >= 0) {
            int open = call + NAMESPACE_CALL.length();
            int close = matchingParenthesis(source, open);
            if (close < 0) {
                break;
            }
            out.append(source, from, open);
            List<String> arguments = splitTopLevel(source.substring(open, close));
            for (int i = 0; i < arguments.size(); i++) {
                out.append(i == 0 ? "" : ",").append(parenthesized(arguments.get(i)));
            }
            out.append(')');
            from = close + 1;
        }
        return out.append(source.substring(from)).toString();
    }

    private static String parenthesized(String argument) {
        int equals = argument.indexOf('=');
        boolean named = equals > 0 && argument.substring(0, equals).trim().matches("[A-Za-z_][A-Za-z0-9_]*")
                && (equals + 1 >= argument.length() || argument.charAt(equals + 1) != '=');
        if (!named) {
            return argument;
        }
        return argument.substring(0, equals + 1) + "(" + argument.substring(equals + 1) + ")";
    }

    /** Index of the ')' closing the '(' just before {@code open}, or -1. */
    private static int matchingParenthesis(String s, int open) {
        int depth = 1;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String arguments) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        if (start < arguments.length() || !parts.isEmpty()) {
            parts.add(arguments.substring(start));
        }
        return parts;
    }
}
