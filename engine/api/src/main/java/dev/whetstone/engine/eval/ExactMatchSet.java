package dev.whetstone.engine.eval;

import dev.whetstone.engine.data.ConversationExample;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetException;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.DatasetReader;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A held-out exact-match file read and checked: chat-messages JSONL, one conversation a line, whose last
 * assistant message is the expected reply and whose earlier messages are the prompt. Any unusable line
 * is an error naming {@code file:line}, the field and the fix, so a run refuses it before it starts.
 *
 * <p>Example: {@code ExactMatchSet heldout = ExactMatchSet.read(Path.of("heldout.jsonl"));}
 */
public final class ExactMatchSet {
    private static final String FORMAT_HINT = "each line must be {\"messages\": [{\"role\": \"user\", \"content\": ...}, "
            + "{\"role\": \"assistant\", \"content\": <the expected reply>}]}";

    private final Path file;
    private final List<ExactMatchItem> items;

    private ExactMatchSet(Path file, List<ExactMatchItem> items) {
        this.file = file;
        this.items = List.copyOf(items);
    }

    /**
     * Reads {@code file}.
     *
     * @throws DatasetException naming the file (and line, field and value) when it is missing, empty or has a bad line
     */
    public static ExactMatchSet read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("The held-out exact-match file " + file + " does not exist; give a chat-messages "
                    + "JSONL file (" + FORMAT_HINT + ")");
        }
        List<ExactMatchItem> items = new ArrayList<>();
        try (DatasetReader reader = DatasetReader.open(file, DatasetFormat.CHAT_MESSAGES)) {
            for (Example example : reader) {
                items.add(item((ConversationExample) example));
            }
            for (DataProblem problem : reader.problems()) {
                if (problem.blocking()) {
                    throw new DatasetException("Held-out exact-match file " + problem + "; " + FORMAT_HINT);
                }
            }
        }
        if (items.isEmpty()) {
            throw new DatasetException("The held-out exact-match file " + file + " has no rows; " + FORMAT_HINT);
        }
        return new ExactMatchSet(file, items);
    }

    private static ExactMatchItem item(ConversationExample example) {
        List<ChatMessage> messages = example.messages();
        int last = messages.size() - 1;
        while (last >= 0 && !messages.get(last).isAssistant()) {
            last--;
        }
        String roles = messages.stream().map(ChatMessage::role).toList().toString();
        if (last < 0) {
            throw new DatasetException("Held-out exact-match file " + example.source() + ": messages — no assistant "
                    + "message (roles " + roles + "); the expected reply is the last assistant message, so add one");
        }
        if (last == 0) {
            throw new DatasetException("Held-out exact-match file " + example.source() + ": messages[0] — the assistant "
                    + "message has nothing before it to answer; put the user's message first");
        }
        String expected = messages.get(last).content();
        if (expected.isBlank()) {
            throw new DatasetException("Held-out exact-match file " + example.source() + ": messages[" + last
                    + "].content — the expected reply is empty, was \"" + expected + "\"; write the reply the model must give");
        }
        return new ExactMatchItem(example.source(), messages.subList(0, last), expected);
    }

    /** The file it was read from. */
    public Path file() {
        return file;
    }

    /** The exchanges, in file order. */
    public List<ExactMatchItem> items() {
        return items;
    }
}
