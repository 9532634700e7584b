package dev.whetstone.engine.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in a dataset author's words what is wrong with a line that is not JSON: where (the column) and what
 * to write instead, never the JSON library's internals ({@code JsonReadFeature…}, {@code StreamReadConstraints}).
 *
 * <p>{@code JsonProblemText.of(e)} → {@code "not valid JSON at column 9: a comma before } (remove the trailing comma)"}
 */
final class JsonProblemText {

    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)' \\(code (\\d+)\\)\\)");
    private static final Pattern CONTROL = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.)'");
    private static final Pattern TOKEN = Pattern.compile("(?:Unrecognized|Non-standard) token '([^']*)'");
    private static final Pattern LENGTH = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private JsonProblemText() {
    }

    /** One sentence for a line Jackson could not parse. */
    static String of(JsonProcessingException e) {
        return "not valid JSON" + at(e.getLocation()) + ": " + what(e);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
    }

    private static String what(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return limit(message);
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return message.contains("closing quote") ? "the line ends inside a string (a missing closing \")"
                    : message.contains("Array") ? "the line ends before the closing ] of an array"
                    : message.contains("Object") ? "the line ends before the closing } of an object"
                    : "the line ends before the JSON value is complete";
        }
        Matcher control = CONTROL.matcher(message);
        if (control.find()) {
            return "a raw control character (code " + control.group(1) + ") inside a string; write it as "
                    + escapeFor(Integer.parseInt(control.group(1))) + " (a row must fit on one line)";
        }
        Matcher escape = ESCAPE.matcher(message);
        if (escape.find()) {
            return "\\" + escape.group(1) + " is not a JSON escape; write a backslash as \\\\";
        }
        if (message.contains("hex-digit for character escape")) {
            return "\\u must be followed by four hex digits";
        }
        if (message.contains("Leading zeroes")) {
            return "a number with a leading zero; write 7, not 07 (or quote it as a string)";
        }
        if (message.contains("comment")) {
            return "comments are not allowed in JSON; remove them";
        }
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            return "'" + shorten(token.group(1)) + "' is not a JSON value; text needs double quotes, and the only words"
                    + " allowed are true, false and null";
        }
        Matcher unexpected = UNEXPECTED.matcher(message);
        if (unexpected.find()) {
            return unexpected(unexpected.group(1), message);
        }
        return plain(message);
    }

    private static String unexpected(String character, String message) {
        String found = "found " + (character.isBlank() ? "a blank" : "'" + character + "'");
        if (message.contains("start field name")) {
            return "'".equals(character) ? "field names and text need double quotes (\"), not single quotes"
                    : "}".equals(character) ? "a comma before } (remove the trailing comma)"
                    : "expected a field name in double quotes, " + found;
        }
        if (message.contains("colon")) {
            return "expected a colon after the field name, " + found;
        }
        if (message.contains("comma") || message.contains("separate")) {
            return "expected a comma or the end of the object or array, " + found;
        }
        if ("]".equals(character)) {
            return "a comma before ] (remove the trailing comma)";
        }
        if ("'".equals(character)) {
            return "text needs double quotes (\"), not single quotes";
        }
        return "unexpected " + found.substring("found ".length());
    }

    private static String limit(String message) {
        Matcher m = LENGTH.matcher(message);
        String sizes = m.find() ? " (" + m.group(1) + "; the limit is " + m.group(2) + ")" : "";
        if (message.contains("nesting depth")) {
            return "the row is nested too deeply" + sizes + "; a row is an object of messages, not a deep tree";
        }
        if (message.contains("String value length")) {
            return "a text is too long" + sizes + "; split the row";
        }
        if (message.contains("Number value length")) {
            return "a number has too many digits" + sizes + "; quote it as a string";
        }
        return "the row is too large to read" + sizes;
    }

    private static String escapeFor(int code) {
        return switch (code) {
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 13 -> "\\r";
            default -> String.format("\\u%04x", code);
        };
    }

    /** A Jackson message (JSON or CSV) with its source dump and configuration hints cut off. */
    static String plain(String message) {
        String text = message;
        for (String cut : new String[] {" (from `", "; enable `", ": enable `", " (not recognized", " at [Source", "\n"}) {
            int at = text.indexOf(cut);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        return text.replace('`', '\'').strip();
    }

    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
