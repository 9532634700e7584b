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
            List<Integer> ends = argumentEnds(source, open);
            if (ends == null) {
                break;
            }
            out.append(source, from, open);
            int start = open;
            for (int end : ends) {
                out.append(start == open ? "" : ",").append(parenthesized(source.substring(start, end)));
                start = end + 1;
            }
            out.append(')');
            from = ends.get(ends.size() - 1) + 1;
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

    /**
     * Where the arguments of the call whose '(' is just before {@code open} end: the index of each top-level
     * comma, then of the closing ')' (brackets and quoted strings skipped); null when it is never closed.
     */
    private static List<Integer> argumentEnds(String s, int open) {
        List<Integer> ends = new ArrayList<>();
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
                    ends.add(i);
                    return ends;
                }
            } else if (c == ',' && depth == 1) {
                ends.add(i);
            }
        }
        return null;
    }
}
