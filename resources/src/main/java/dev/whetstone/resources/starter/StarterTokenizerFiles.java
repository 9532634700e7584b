package dev.whetstone.resources.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the starter's {@code tokenizer.json} (a WordLevel model over {@link StarterVocabulary}, split on
 * whitespace and punctuation, one token per digit) and {@code tokenizer_config.json} (a Qwen-style chat
 * template, eos {@code <|im_end|>}).
 *
 * <p>Example: {@code StarterTokenizerFiles.write(modelDir, 256);}
 */
public final class StarterTokenizerFiles {
    /** Qwen's ChatML template without tools or thinking: each turn is {@code <|im_start|>role\ncontent<|im_end|>\n}. */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StarterTokenizerFiles() {
    }

    public static void write(Path dir, int maxPositions) throws IOException {
        Map<String, Integer> ids = StarterVocabulary.ids();
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer(ids));
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config(ids, maxPositions));
    }

    private static ObjectNode tokenizer(Map<String, Integer> ids) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : StarterVocabulary.specials()) {
            ObjectNode t = added.addObject();
            t.put("id", ids.get(special));
            t.put("content", special);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        steps.addObject().put("type", "Whitespace");
        steps.addObject().put("type", "Digits").put("individual_digits", true);
        root.putNull("post_processor");
        root.putNull("decoder");   // tokens are joined with single spaces, which is how the corpus is written
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        ids.forEach(vocab::put);
        model.put("unk_token", StarterVocabulary.END_OF_TEXT);
        return root;
    }

    private static ObjectNode config(Map<String, Integer> ids, int maxPositions) {
        ObjectNode c = JSON.createObjectNode();
        c.putNull("bos_token");
        c.put("eos_token", StarterVocabulary.IM_END);
        c.put("pad_token", StarterVocabulary.END_OF_TEXT);
        c.putNull("unk_token");
        c.put("add_bos_token", false);
        c.put("add_eos_token", false);
        c.put("chat_template", CHAT_TEMPLATE);
        c.put("clean_up_tokenization_spaces", false);
        c.put("model_max_length", maxPositions);
        c.put("tokenizer_class", "PreTrainedTokenizerFast");
        ObjectNode decoder = c.putObject("added_tokens_decoder");
        for (String special : StarterVocabulary.specials()) {
            ObjectNode t = decoder.putObject(String.valueOf(ids.get(special)));
            t.put("content", special);
            t.put("lstrip", false);
            t.put("normalized", false);
            t.put("rstrip", false);
            t.put("single_word", false);
            t.put("special", true);
        }
        return c;
    }
}
