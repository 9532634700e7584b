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
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
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
    /** The first prefix {@link #encodeWithOffsets(String, int)} tries, in characters. */
    private static final int MIN_PREFIX_CHARS = 4096;
    private static final String TOKENIZER_FIX = "the model folder needs the tokenizer.json from the model's Hugging Face repo";

    private final HuggingFaceTokenizer tokenizer;
    private final String id;
    private final Vocabulary vocabulary;
    private final SpecialTokens specialTokens;
    private final Optional<String> chatTemplate;
    /** Native calls hold it shared; {@link #close()} holds it alone, so the tokenizer is never freed under a call. */
    private final ReadWriteLock nativeUse = new ReentrantReadWriteLock();
    private boolean closed;

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
        String clean = UnicodeText.wellFormed(text);
        long[] ids = withNative(() -> tokenizer.encode(clean, addSpecialTokens, false)).getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An unpaired UTF-16 surrogate (a JSON {@code "\ud800"} escape) is not a character: it is tokenized as
     * U+FFFD, which keeps every offset in place.
     */
    @Override
    public TokenizedText encodeWithOffsets(String text) {
        Objects.requireNonNull(text, "text");
        return encodeWhole(text, UnicodeText.wellFormed(text));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Tokenizes growing prefixes of the text (doubling from a few characters per kept token) until two
     * successive prefixes agree on the first {@code maxTokens} tokens: tokens can only change near a prefix's
     * cut, so the agreed ones are the whole text's.
     */
    @Override
    public TokenizedText encodeWithOffsets(String text, int maxTokens) {
        Objects.requireNonNull(text, "text");
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
        }
        String clean = UnicodeText.wellFormed(text);
        long window = Math.max(MIN_PREFIX_CHARS, 4L * maxTokens);
        TokenizedText previous = null;
        while (window < clean.length()) {
            int cut = UnicodeText.cutBefore(clean, (int) window);
            TokenizedText current = encodeWhole(clean.substring(0, cut), clean.substring(0, cut));
            if (previous != null && agreed(previous, current) >= maxTokens) {
                return retext(current.first(maxTokens), text);
            }
            previous = current;
            window *= 2;
        }
        return encodeWhole(text, clean).first(maxTokens);
    }

    /** Tokens at the start of {@code shorter} that {@code longer} has too, the last one of {@code shorter} excepted. */
    private static int agreed(TokenizedText shorter, TokenizedText longer) {
        int n = Math.min(shorter.length() - 1, longer.length());
        int i = 0;
        while (i < n && shorter.id(i) == longer.id(i) && shorter.end(i) == longer.end(i)) {
            i++;
        }
        return i;
    }

    private static TokenizedText retext(TokenizedText tokens, String text) {
        int n = tokens.length();
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = tokens.start(i);
            ends[i] = tokens.end(i);
        }
        return new TokenizedText(text, tokens.ids(), starts, ends);
    }

    /** Encodes {@code clean} (well-formed, as long as {@code text}) and reports offsets into {@code text}. */
    private TokenizedText encodeWhole(String text, String clean) {
        Encoding encoding = withNative(() -> tokenizer.encode(clean, false, false));
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] chars = UnicodeText.charIndexOfCodePoint(clean); // the native library counts code points
        int[] result = new int[ids.length];
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
            starts[i] = chars == null ? spans[i].getStart() : chars[spans[i].getStart()];
            ends[i] = chars == null ? spans[i].getEnd() : chars[spans[i].getEnd()];
        }
        return new TokenizedText(text, result, starts, ends);
    }

    @Override
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] known = new long[ids.length];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException("token id must be >= 0, was " + ids[i] + " at index " + i);
            }
            if (vocabulary.has(ids[i])) {
                known[n++] = ids[i];
            }
        }
        long[] kept = java.util.Arrays.copyOf(known, n);
        return withNative(() -> tokenizer.decode(kept, skipSpecialTokens));
    }

    @Override
    public boolean hasToken(int id) {
        return vocabulary.has(id);
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

    /**
     * Frees the native tokenizer once the calls in flight have returned; later calls throw
     * {@link IllegalStateException}. Calling it again does nothing.
     */
    @Override
    public void close() {
        nativeUse.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            nativeUse.writeLock().unlock();
        }
    }

    /** Runs a call into the native tokenizer; fails if it was closed. */
    private <T> T withNative(Supplier<T> call) {
        nativeUse.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the tokenizer of " + id + " was closed");
            }
            return call.get();
        } finally {
            nativeUse.readLock().unlock();
        }
    }
}
