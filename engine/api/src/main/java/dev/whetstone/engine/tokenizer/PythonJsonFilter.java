package dev.whetstone.engine.tokenizer;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code tojson} filter as transformers defines it for chat templates: Python's
 * {@code json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)}
 * — {@code ", "} and {@code ": "} separators, non-ASCII kept, no HTML escaping (Jinjava's own filter
 * writes compact JSON). {@code {{ tool | tojson }}}, {@code {{ args | tojson(indent=2) }}}.
 */
final class PythonJsonFilter implements Filter {

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, args, Map.of());
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.getOrDefault("indent", args.length > 1 ? args[1] : null);
        boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
        StringBuilder out = new StringBuilder();
        new Writer(indent instanceof Number n ? n.intValue() : -1, sortKeys, out).value(var, 0);
        return out.toString();
    }

    private record Writer(int indent, boolean sortKeys, StringBuilder out) {

        void value(Object value, int depth) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean b) {
                out.append(b ? "true" : "false");
            } else if (value instanceof Double || value instanceof Float) {
                out.append(pythonFloat(((Number) value).doubleValue()));
            } else if (value instanceof Number n) {
                out.append(n);
            } else if (value instanceof Map<?, ?> map) {
                object(map, depth);
            } else if (value instanceof Iterable<?> items) {
                array(items, depth);
            } else if (value instanceof Object[] items) {
                array(java.util.Arrays.asList(items), depth);
            } else {
                string(value.toString());
            }
        }

        private void object(Map<?, ?> map, int depth) {
            var entries = map.entrySet().stream()
                    .sorted(sortKeys ? java.util.Comparator.comparing(e -> String.valueOf(e.getKey()))
                            : (a, b) -> 0)
                    .toList();
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                separator(i, depth + 1);
                string(String.valueOf(entries.get(i).getKey()));
                out.append(": ");
                value(entries.get(i).getValue(), depth + 1);
            }
            close(entries.isEmpty(), depth, '}');
        }

        private void array(Iterable<?> items, int depth) {
            out.append('[');
            int i = 0;
            for (Object item : items) {
                separator(i++, depth + 1);
                value(item, depth + 1);
            }
            close(i == 0, depth, ']');
        }

        private void separator(int index, int depth) {
            if (index > 0) {
                out.append(indent >= 0 ? "," : ", ");
            }
            if (indent >= 0) {
                out.append('\n').append(" ".repeat(indent * depth));
            }
        }

        private void close(boolean empty, int depth, char bracket) {
            if (indent >= 0 && !empty) {
                out.append('\n').append(" ".repeat(indent * depth));
            }
            out.append(bracket);
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        /** Python's float repr: {@code 1.0}, {@code 0.5}, {@code 1e-05}, {@code NaN}, {@code Infinity}. */
        private static String pythonFloat(double d) {
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e16) {
                return Objects.toString((long) d) + ".0";
            }
            return Double.toString(d);
        }
    }
}
