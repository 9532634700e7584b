package dev.whetstone.engine.tokenizer;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.ModelFormatException;
import dev.whetstone.engine.TokenizedText;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.WorkbenchException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face tokenizer read from a model folder, on DJL's binding of the Rust {@code tokenizers}
 * library; it never truncates or pads.
 *
 * <p>{@code try (HfTokenizer tokenizer = HfTokenizer.load(Path.of("models/Qwen3-0.6B"), "Qwen3-0.6B")) { ... }}
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HfTokenizer.class);
    private static final String TOKENIZER_FIX = "the model folder needs the tokenizer.json from the model's Hugging Face repo";

    private final HuggingFaceTokenizer tokenizer;
    private final String id;
    private final Vocabulary vocabulary;
    private final SpecialTokens specialTokens;
    private final Optional<String> chatTemplate;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, String id, Vocabulary vocabulary,
            SpecialTokens specialTokens, Optional<String> chatTemplate) {
        this.tokenizer = tokenizer;
        this.id = id;
        this.vocabulary = vocabulary;
        this.specialTokens = specialTokens;
        this.chatTemplate = chatTemplate;
    }

    /**
     * Loads {@code tokenizer.json} and the special tokens and chat template of the folder's other files.
     *
     * @throws ModelFormatException if {@code tokenizer.json} is missing or garbled, or another file is garbled
     */
    public static HfTokenizer load(Path modelDir, String id) {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(id, "id");
        Path tokenizerFile = modelDir.resolve("tokenizer.json");
        JsonNode tokenizerJson = ModelJson.read(tokenizerFile, TOKENIZER_FIX);
        Vocabulary vocabulary = Vocabulary.of(tokenizerJson, tokenizerFile);
        SpecialTokens specialTokens = new SpecialTokensReader(modelDir, vocabulary).read();
        Optional<String> chatTemplate = ChatTemplateReader.read(modelDir);
        HfTokenizer loaded = new HfTokenizer(nativeTokenizer(tokenizerFile), id, vocabulary, specialTokens, chatTemplate);
        LOG.info("Loaded tokenizer {} from {}: {} ids, eos {}, chat template {}", id, modelDir, vocabulary.size(),
                specialTokens.eosTokenIds(), chatTemplate.isPresent() ? "present" : "absent");
        return loaded;
    }

    static {
        // DJL picks a CUDA build of the tokenizer library on a GPU machine and downloads it; tokenizing is CPU
        // work and the CPU build ships in the jar, so keep to it (the engine downloads nothing on its own).
        if (System.getProperty("RUST_FLAVOR") == null && System.getenv("RUST_FLAVOR") == null) {
            System.setProperty("RUST_FLAVOR", "cpu");
        }
    }

    private static HuggingFaceTokenizer nativeTokenizer(Path tokenizerFile) {
        try {
            // DJL's defaults truncate to 512 tokens and pad; training and sampling need every token as is.
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerFile)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + tokenizerFile + " (" + e.getMessage() + "): " + TOKENIZER_FIX, e);
        } catch (EngineException e) {
            throw new WorkbenchException("Hugging Face's tokenizer library could not be loaded (" + e.getMessage()
                    + "), so " + tokenizerFile + " cannot be read; the library ships in the tokenizers jar of the "
                    + "installation: reinstall Whetstone if that jar is missing or damaged", e);
        } catch (RuntimeException e) {
            // the native library rejects valid JSON that is not a tokenizer with a plain RuntimeException
            throw new ModelFormatException(tokenizerFile + " is not a Hugging Face tokenizer (" + e.getMessage() + "): "
                    + TOKENIZER_FIX, e);
        }
    }

    @Override
    public int[] encode(String text) {
        return encode(text, false);
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    @Override
    public TokenizedText encodeWithOffsets(String text) {
        Objects.requireNonNull(text, "text");
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] result = new int[ids.length];
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
            // the native library counts code points; Java strings count UTF-16 chars
            starts[i] = text.offsetByCodePoints(0, spans[i].getStart());
            ends[i] = text.offsetByCodePoints(0, spans[i].getEnd());
        }
        return new TokenizedText(text, result, starts, ends);
    }

    @Override
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longIds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary.size()) {
                throw new IllegalArgumentException("token id must be in [0, " + vocabulary.size() + "), was " + ids[i]
                        + " at index " + i);
            }
            longIds[i] = ids[i];
        }
        return tokenizer.decode(longIds, skipSpecialTokens);
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    @Override
    public String idToToken(int id) {
        return vocabulary.tokenOf(id);
    }

    @Override
    public OptionalInt tokenToId(String token) {
        return vocabulary.idOf(token);
    }

    @Override
    public OptionalInt bosTokenId() {
        return specialTokens.bosTokenId();
    }

    @Override
    public List<Integer> eosTokenIds() {
        return specialTokens.eosTokenIds();
    }

    @Override
    public OptionalInt padTokenId() {
        return specialTokens.padTokenId();
    }

    @Override
    public Optional<String> chatTemplate() {
        return chatTemplate;
    }

    @Override
    public String id() {
        return id;
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
