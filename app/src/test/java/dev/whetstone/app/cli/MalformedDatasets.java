package dev.whetstone.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Writes a few hundred malformed dataset files, by category: encodings and byte-order marks, line endings, JSON
 * syntax, nesting, sizes, wrong types, role variants, other formats' rows, CSV quoting, plain text, Unicode edge
 * cases, and files that are no dataset at all. Seeded: the same files every run.
 */
final class MalformedDatasets {

    /**
     * One file.
     *
     * @param category what kind of damage
     * @param file     where it was written
     * @param text     the text its bytes encode, when it is line-oriented JSON whose rows can be counted; else null
     */
    record Case(String category, Path file, String text) {
    }

    static final String CHAT = "{\"messages\": [{\"role\": \"user\", \"content\": \"w1 w2\"}, {\"role\": \"assistant\", \"content\": \"w3 w4\"}]}";
    static final String ALPACA = "{\"instruction\": \"w1\", \"input\": \"w2\", \"output\": \"w3 w4\"}";
    static final String SHAREGPT = "{\"conversations\": [{\"from\": \"human\", \"value\": \"w1\"}, {\"from\": \"gpt\", \"value\": \"w2\"}]}";
    static final String TEXT = "{\"text\": \"w1 w2 w3\"}";
    private static final String[] GOOD = {CHAT, ALPACA, SHAREGPT, TEXT};

    /** Ways to break one JSON row. */
    private static final List<UnaryOperator<String>> SYNTAX = List.of(
            row -> row.replaceFirst("}$", ",}"),                       // trailing comma
            row -> row.replace('"', '\''),                              // single quotes
            row -> row.replaceAll("\"(\\w+)\":", "$1:"),                // unquoted keys
            row -> "// a comment\n" + row,                              // a comment line
            row -> row.substring(0, row.length() / 2),                  // cut in the middle
            row -> row + row,                                           // two rows glued
            row -> row + " " + row,                                     // two rows on a line
            row -> row + "}",                                           // a stray closing brace
            row -> row + " trailing words",                             // garbage after the row
            row -> row.replace("w1", "w1\tw1"),                         // a raw tab inside a string
            row -> row.replace("w1", "w1\\q"),                          // a bad escape
            row -> row.replace("w1", "\\u12"),                          // a short unicode escape
            row -> row.replaceFirst(": \"", ": NaN, \"x\": \""),        // NaN
            row -> row.replaceFirst(": \"", ": 007, \"x\": \""),        // leading zeros
            row -> "[" + row + "]",                                     // an array of rows
            row -> "\"" + row.replace("\"", "\\\"") + "\"",             // a row as a string
            row -> "42",                                                // a number
            row -> "null",                                              // null
            row -> row.replace("{", "{ \"a\": 1, \"a\": 2,"),            // duplicate keys
            row -> row.replace("w1", "w1\u0000"),                       // a NUL character
            row -> "\ufeff" + row,                                      // a byte-order mark on a later line
            row -> row.replace("w1", "w1\\ud800"),                      // a lone high surrogate escape
            row -> row.replace("w1", "w1\\udc00\\ud800"),               // reversed surrogates
            row -> row.replace("w1", "\\ud83d\\ude00 \u200f\u200b e\u0301"), // a paired escape, RTL, zero width, combining
            row -> row.replace("w1", "w1\u2028w2\u2029"),               // Unicode line separators inside a string
            row -> "{}",                                                // an empty object
            row -> "{\"messages\": " + row + "}");                      // a row inside messages

    /** Ways to get the fields wrong of a chat row. */
    private static final List<String> WRONG_TYPES = List.of(
            "{\"messages\": \"w1\"}", "{\"messages\": 3}", "{\"messages\": null}", "{\"messages\": {}}",
            "{\"messages\": [\"w1\"]}", "{\"messages\": [null]}", "{\"messages\": [[]]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": 5}, {\"role\": \"assistant\", \"content\": \"a\"}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": null}, {\"role\": \"assistant\", \"content\": \"a\"}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"url\": \"x\"}]}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": [1, 2]}, {\"role\": \"assistant\", \"content\": \"a\"}]}",
            "{\"messages\": [{\"role\": 1, \"content\": \"q\"}]}",
            "{\"messages\": [{\"content\": \"q\"}]}",
            "{\"messages\": [{\"role\": \"user\"}]}",
            "{\"messages\": [], \"system\": 4}",
            "{\"instruction\": 1, \"output\": \"o\"}", "{\"instruction\": \"i\", \"output\": null}",
            "{\"instruction\": \"i\", \"output\": \"o\", \"input\": []}",
            "{\"conversations\": \"w1\"}", "{\"conversations\": [{\"from\": 1, \"value\": \"v\"}]}",
            "{\"conversations\": [{\"from\": \"human\"}]}", "{\"text\": 3}", "{\"text\": null}", "{\"text\": [\"a\"]}");

    private static final List<String> ROLES = List.of("ASSISTANT", "Assistant", "assistant ", " user", "gpt", "human",
            "bot", "model", "", "tool", "function", "system", "User", "assistant\n");

    private MalformedDatasets() {
    }

    /** Writes every case under {@code dir}. */
    static List<Case> write(Path dir) {
        List<Case> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(22);
        syntax(dir, cases);
        encodings(dir, cases);
        lineEndings(dir, cases, random);
        nesting(dir, cases);
        sizes(dir, cases);
        wrongTypes(dir, cases);
        roles(dir, cases);
        formats(dir, cases);
        csv(dir, cases);
        plainText(dir, cases);
        noDataset(dir, cases);
        return cases;
    }

    private static void syntax(Path dir, List<Case> cases) {
        for (int m = 0; m < SYNTAX.size(); m++) {
            for (int g = 0; g < GOOD.length; g++) {
                String broken = SYNTAX.get(m).apply(GOOD[g]);
                String firstLine = lines(broken, GOOD[g], GOOD[g]);
                String laterLine = lines(GOOD[g], broken, GOOD[g]);
                cases.add(jsonl(dir, "syntax", "first-" + m + "-" + g, firstLine));
                cases.add(jsonl(dir, "syntax", "later-" + m + "-" + g, laterLine));
            }
        }
    }

    private static void encodings(Path dir, List<Case> cases) {
        String text = lines(CHAT, CHAT.replace("w1", "caf\u00e9 \ud83d\ude00 \u65e5\u672c"), TEXT.replace("w1", "\u00fc"));
        String textFile = lines(ALPACA, ALPACA.replace("w2", "na\u00efve"));
        String[] charsets = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
        for (String charset : charsets) {
            for (boolean mark : new boolean[] {true, false}) {
                String body = (mark ? "\ufeff" : "") + text;
                cases.add(bytes(dir, "encodings", charset + (mark ? "-bom" : ""), ".jsonl",
                        body.getBytes(Charset.forName(charset)), text));
                cases.add(bytes(dir, "encodings", "alpaca-" + charset + (mark ? "-bom" : ""), ".jsonl",
                        ((mark ? "\ufeff" : "") + textFile).getBytes(Charset.forName(charset)), textFile));
            }
        }
        cases.add(bytes(dir, "encodings", "latin1", ".jsonl", text.getBytes(StandardCharsets.ISO_8859_1), null));
        cases.add(bytes(dir, "encodings", "cp1252", ".jsonl", text.getBytes(Charset.forName("windows-1252")), null));
        byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFE}};
        for (int i = 0; i < invalid.length; i++) {
            byte[] row = (CHAT + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] bad = concat(CHAT.replace("w1", "X").split("X")[0].getBytes(StandardCharsets.UTF_8), invalid[i],
                    CHAT.replace("w1", "X").split("X")[1].getBytes(StandardCharsets.UTF_8), new byte[] {'\n'});
            cases.add(bytes(dir, "encodings", "invalid-utf8-" + i, ".jsonl", concat(row, bad, row), null));
        }
        cases.add(bytes(dir, "encodings", "utf16-csv", ".csv", "\ufeffprompt,completion\nw1,w2\n".getBytes(StandardCharsets.UTF_16LE), null));
        cases.add(bytes(dir, "encodings", "utf16-txt", ".txt", "\ufeffw1 w2\n\nw3\n".getBytes(StandardCharsets.UTF_16BE), null));
    }

    private static void lineEndings(Path dir, List<Case> cases, SplittableRandom random) {
        String[] endings = {"\n", "\r\n", "\r"};
        for (String good : GOOD) {
            for (int e = 0; e < endings.length; e++) {
                String text = String.join(endings[e], good, good.replace("w2", "w5"), good.replace("w2", "w6")) + endings[e];
                cases.add(jsonl(dir, "line-endings", "ending-" + e + "-" + good.length(), text));
                cases.add(jsonl(dir, "line-endings", "no-final-" + e + "-" + good.length(), text.strip()));
                cases.add(jsonl(dir, "line-endings", "blank-lines-" + e + "-" + good.length(),
                        endings[e].repeat(3) + text + endings[e].repeat(4) + " \t" + endings[e]));
            }
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                mixed.append(good.replace("w2", "w" + (10 + i))).append(endings[random.nextInt(3)]);
            }
            cases.add(jsonl(dir, "line-endings", "mixed-" + good.length(), mixed.toString()));
            cases.add(jsonl(dir, "line-endings", "vertical-tab-" + good.length(), good + "\u000b\u000c\n" + good + "\n"));
            cases.add(jsonl(dir, "line-endings", "separator-" + good.length(), good + "\u2028" + good + "\u0085" + good + "\n"));
        }
    }

    private static void nesting(Path dir, List<Case> cases) {
        for (int depth : new int[] {2, 50, 999, 1001, 5000}) {
            String deep = "[".repeat(depth) + "]".repeat(depth);
            cases.add(jsonl(dir, "nesting", "array-" + depth, lines(CHAT, "{\"messages\": " + deep + "}", CHAT)));
            cases.add(jsonl(dir, "nesting", "object-" + depth, lines(CHAT, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth), CHAT)));
            cases.add(jsonl(dir, "nesting", "content-" + depth, lines(CHAT,
                    CHAT.replace("\"w3 w4\"", "[" + "{\"type\": \"text\", \"text\": ".repeat(Math.min(depth, 400)) + "\"x\""
                            + "}".repeat(Math.min(depth, 400)) + "]"), CHAT)));
        }
    }

    private static void sizes(Path dir, List<Case> cases) {
        cases.add(jsonl(dir, "sizes", "empty", ""));
        cases.add(jsonl(dir, "sizes", "one-byte", "{"));
        cases.add(jsonl(dir, "sizes", "whitespace", " \n\t\n  \r\n"));
        cases.add(jsonl(dir, "sizes", "long-reply", lines(CHAT, CHAT.replace("w3 w4", "w3 ".repeat(1_000_000)), CHAT)));
        cases.add(jsonl(dir, "sizes", "long-word", lines(CHAT.replace("w3 w4", "w".repeat(1_000_000)), CHAT)));
        cases.add(jsonl(dir, "sizes", "over-the-line-cap", lines(CHAT, TEXT.replace("w1 w2 w3", "x".repeat(8 * 1024 * 1024 + 10)), CHAT)));
        cases.add(jsonl(dir, "sizes", "long-number", lines(CHAT, "{\"text\": \"a\", \"n\": " + "9".repeat(5000) + "}", CHAT)));
        cases.add(jsonl(dir, "sizes", "many-keys", lines(CHAT, "{" + "\"k\": 1, ".repeat(20_000) + "\"text\": \"t\"}")));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append(i % 97 == 0 ? "{broken" : CHAT.replace("w2", "w" + (i % 50))).append('\n');
        }
        cases.add(jsonl(dir, "sizes", "many-rows", many.toString()));
        cases.add(jsonl(dir, "sizes", "many-messages", lines(CHAT.replace("[", "[" + "{\"role\": \"user\", \"content\": \"q\"}, "
                + "{\"role\": \"assistant\", \"content\": \"a\"}, ".repeat(2000)))));
    }

    private static void wrongTypes(Path dir, List<Case> cases) {
        for (int i = 0; i < WRONG_TYPES.size(); i++) {
            cases.add(jsonl(dir, "wrong-types", "first-" + i, lines(WRONG_TYPES.get(i), CHAT)));
            cases.add(jsonl(dir, "wrong-types", "later-" + i, lines(CHAT, WRONG_TYPES.get(i), CHAT)));
        }
    }

    private static void roles(Path dir, List<Case> cases) {
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i).replace("\n", "\\n");
            cases.add(jsonl(dir, "roles", "assistant-as-" + i, lines(CHAT, CHAT.replace("\"assistant\"", "\"" + role + "\""))));
            cases.add(jsonl(dir, "roles", "user-as-" + i, lines(CHAT.replace("\"user\"", "\"" + role + "\""), CHAT)));
            cases.add(jsonl(dir, "roles", "sharegpt-" + i, lines(SHAREGPT.replace("\"gpt\"", "\"" + role + "\""))));
        }
        cases.add(jsonl(dir, "roles", "empty-messages", lines(CHAT, "{\"messages\": []}")));
        cases.add(jsonl(dir, "roles", "only-user", lines("{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}")));
        cases.add(jsonl(dir, "roles", "assistant-first", lines("{\"messages\": [{\"role\": \"assistant\", \"content\": \"a\"}]}")));
        cases.add(jsonl(dir, "roles", "late-system", lines(CHAT.replace("]}", ", {\"role\": \"system\", \"content\": \"s\"}]}"))));
        cases.add(jsonl(dir, "roles", "empty-reply", lines(CHAT.replace("w3 w4", "  "))));
        cases.add(jsonl(dir, "roles", "duplicates", lines(CHAT, CHAT, CHAT)));
    }

    private static void formats(Path dir, List<Case> cases) {
        cases.add(jsonl(dir, "formats", "mixed", lines(CHAT, ALPACA, SHAREGPT, TEXT)));
        cases.add(jsonl(dir, "formats", "mixed-text-first", lines(TEXT, CHAT, ALPACA)));
        cases.add(jsonl(dir, "formats", "unknown-keys", lines("{\"question\": \"q\", \"answer\": \"a\"}", CHAT)));
        cases.add(jsonl(dir, "formats", "prompt-completion", lines("{\"prompt\": \"q\", \"completion\": \"a\"}")));
        cases.add(jsonl(dir, "formats", "openai-tools", lines(CHAT.replace("]}",
                ", {\"role\": \"tool\", \"content\": \"{}\", \"tool_call_id\": \"1\"}]}"))));
        cases.add(bytes(dir, "formats", "json-array-file", ".json", ("[" + CHAT + ",\n" + CHAT + "]\n").getBytes(StandardCharsets.UTF_8), null));
        cases.add(bytes(dir, "formats", "pretty-printed", ".jsonl", "{\n  \"text\": \"a\"\n}\n".getBytes(StandardCharsets.UTF_8), null));
        cases.add(bytes(dir, "formats", "ndjson", ".ndjson", lines(CHAT, CHAT).getBytes(StandardCharsets.UTF_8), null));
        cases.add(bytes(dir, "formats", "no-extension", "", lines(CHAT, CHAT).getBytes(StandardCharsets.UTF_8), null));
        cases.add(bytes(dir, "formats", "yaml-as-jsonl", ".jsonl", "messages:\n  - role: user\n".getBytes(StandardCharsets.UTF_8), null));
    }

    private static void csv(Path dir, List<Case> cases) {
        String[] files = {
            "prompt,completion\nw1,w2\n",
            "prompt,completion\n\"w1, with comma\",\"w2 \"\"quoted\"\"\"\n",
            "prompt,completion\n\"w1\nline two\",w2\n",
            "prompt,completion\n\"unclosed,w2\nw3,w4\n",
            "prompt,completion\nw1\n",
            "prompt,completion\nw1,w2,w3\n",
            "prompt,completion\n",
            "",
            ",\n,\n",
            "a,b\n1,2\n",
            "prompt;completion\nw1;w2\n",
            "\ufeffprompt,completion\nw1,w2\n",
            "prompt,prompt\nw1,w2\n",
            "question,answer,system\nw1,w2,be brief\n",
            "text\nw1 w2\n\"multi\nline\"\n",
            "prompt,completion\r\nw1,w2\r\nw3,w4\r\n",
            "prompt,completion\rw1,w2\rw3,w4\r",
            "prompt,completion\nw1,\"w2\" trailing\n",
            "prompt,completion\n\"\",\"\"\n",
            "Prompt , Completion \nw1,w2\n",
            "prompt,completion\nw1,w2\n" + "w,x\n".repeat(3000),
            "prompt,completion\n" + "\"" + "x".repeat(100_000) + "\",y\n",
        };
        for (int i = 0; i < files.length; i++) {
            cases.add(bytes(dir, "csv-quoting", "csv-" + i, ".csv", files[i].getBytes(StandardCharsets.UTF_8), null));
        }
        cases.add(bytes(dir, "csv-quoting", "tsv", ".tsv", "prompt\tcompletion\nw1\tw2\n".getBytes(StandardCharsets.UTF_8), null));
        cases.add(bytes(dir, "csv-quoting", "tsv-as-csv", ".csv", "prompt\tcompletion\nw1\tw2\n".getBytes(StandardCharsets.UTF_8), null));
        cases.add(bytes(dir, "csv-quoting", "csv-binary", ".csv", new byte[] {0x50, 0x4b, 3, 4, 0, 0, 1, 2}, null));
    }

    private static void plainText(Path dir, List<Case> cases) {
        String[] files = {"w1 w2\n\nw3 w4\n", "", "\n\n\n", "one paragraph\nwith lines\r\n\r\nanother\r", "w1 ".repeat(300_000),
            ("para\n\n").repeat(2000), "tab\tand \u0000 nul\n\nok\n", "\ud83d\ude00 \u00e9\n"};
        for (int i = 0; i < files.length; i++) {
            cases.add(bytes(dir, "plain-text", "text-" + i, i % 2 == 0 ? ".txt" : ".md", files[i].getBytes(StandardCharsets.UTF_8), null));
        }
        byte[] huge = ("x".repeat(5 * 1024 * 1024) + "\n" + "y".repeat(5 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        cases.add(bytes(dir, "plain-text", "text-huge-document", ".txt", huge, null));
    }

    private static void noDataset(Path dir, List<Case> cases) {
        cases.add(bytes(dir, "not-a-dataset", "zip", ".jsonl", new byte[] {0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0}, null));
        cases.add(bytes(dir, "not-a-dataset", "png", ".jsonl", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, null));
        cases.add(bytes(dir, "not-a-dataset", "gzip", ".jsonl", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}, null));
        cases.add(bytes(dir, "not-a-dataset", "safetensors", ".jsonl", concat(new byte[] {16, 0, 0, 0, 0, 0, 0, 0},
                "{\"a\": {}}       ".getBytes(StandardCharsets.UTF_8)), null));
        cases.add(bytes(dir, "not-a-dataset", "nuls", ".jsonl", new byte[64], null));
        cases.add(bytes(dir, "not-a-dataset", "html", ".jsonl", "<!doctype html><html></html>\n".getBytes(StandardCharsets.UTF_8), null));
        try {
            Path folder = Files.createDirectories(dir.resolve("not-a-dataset-folder.jsonl"));
            cases.add(new Case("not-a-dataset", folder, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cases.add(new Case("not-a-dataset", dir.resolve("missing.jsonl"), null));
    }

    private static Case jsonl(Path dir, String category, String name, String text) {
        return bytes(dir, category, name, ".jsonl", text.getBytes(StandardCharsets.UTF_8), text);
    }

    private static Case bytes(Path dir, String category, String name, String extension, byte[] content, String text) {
        Path file = dir.resolve(category + "-" + name + extension);
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Case(category, file, text);
    }

    private static String lines(String... rows) {
        return String.join("\n", rows) + "\n";
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
