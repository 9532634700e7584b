package dev.whetstone.engine.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a Hugging Face folder for a Qwen3 model of a given {@link ModelShape} with random weights:
 * {@code config.json}, {@code model.safetensors} (F32, streamed in chunks so Qwen3-0.6B's 2.4 GB never
 * sit in the heap), and a word-level {@code tokenizer.json} with one word per id. Norm weights are 1;
 * matrices are uniform with standard deviation 0.02 (HF's initializer range); the head is tied.
 */
public final class SyntheticModel {
    private static final JsonMapper JSON = new JsonMapper();
    private static final int CHUNK_FLOATS = 1 << 20;

    private SyntheticModel() {
    }

    /** Writes the folder (created if needed) unless it already holds this shape and seed; returns it. */
    public static Path write(ModelShape shape, long seed, Path folder) {
        try {
            Files.createDirectories(folder);
            Path stamp = folder.resolve("synthetic.json");
            String identity = JSON.writeValueAsString(Map.of("shape", shape.toString(), "seed", seed));
            if (Files.exists(stamp) && Files.readString(stamp).equals(identity)) {
                return folder;
            }
            Files.writeString(folder.resolve("config.json"), config(shape));
            Files.writeString(folder.resolve("tokenizer.json"), tokenizer(shape));
            writeWeights(shape, seed, folder.resolve("model.safetensors"));
            Files.writeString(stamp, identity);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the synthetic model to " + folder, e);
        }
    }

    /** Tensor names and shapes in file order. */
    static Map<String, long[]> tensors(ModelShape s) {
        Map<String, long[]> t = new LinkedHashMap<>();
        t.put("model.embed_tokens.weight", new long[] {s.vocab(), s.hidden()});
        for (int i = 0; i < s.layers(); i++) {
            String p = "model.layers." + i + ".";
            t.put(p + "input_layernorm.weight", new long[] {s.hidden()});
            t.put(p + "post_attention_layernorm.weight", new long[] {s.hidden()});
            t.put(p + "self_attn.q_proj.weight", new long[] {s.queryWidth(), s.hidden()});
            t.put(p + "self_attn.k_proj.weight", new long[] {s.kvWidth(), s.hidden()});
            t.put(p + "self_attn.v_proj.weight", new long[] {s.kvWidth(), s.hidden()});
            t.put(p + "self_attn.o_proj.weight", new long[] {s.hidden(), s.queryWidth()});
            t.put(p + "self_attn.q_norm.weight", new long[] {s.headDim()});
            t.put(p + "self_attn.k_norm.weight", new long[] {s.headDim()});
            t.put(p + "mlp.gate_proj.weight", new long[] {s.intermediate(), s.hidden()});
            t.put(p + "mlp.up_proj.weight", new long[] {s.intermediate(), s.hidden()});
            t.put(p + "mlp.down_proj.weight", new long[] {s.hidden(), s.intermediate()});
        }
        t.put("model.norm.weight", new long[] {s.hidden()});
        return t;
    }

    private static void writeWeights(ModelShape shape, long seed, Path file) throws IOException {
        Map<String, long[]> tensors = tensors(shape);
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long bytes = count(e.getValue()) * Float.BYTES;
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            ArrayNode dims = entry.putArray("shape");
            for (long d : e.getValue()) {
                dims.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        StringBuilder text = new StringBuilder(JSON.writeValueAsString(header));
        while (text.length() % 8 != 0) {
            text.append(' ');
        }
        byte[] headerBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(seed);
        float bound = (float) (0.02 * Math.sqrt(3));   // uniform(-b, b) has standard deviation 0.02
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(headerBytes.length).put(headerBytes).flip();
            writeFully(out, prefix);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, long[]> e : tensors.entrySet()) {
                boolean norm = e.getValue().length == 1;
                for (long left = count(e.getValue()); left > 0; ) {
                    int n = (int) Math.min(left, CHUNK_FLOATS);
                    chunk.clear();
                    for (int i = 0; i < n; i++) {
                        chunk.putFloat(norm ? 1f : (float) (random.nextDouble() * 2 - 1) * bound);
                    }
                    chunk.flip();
                    writeFully(out, chunk);
                    left -= n;
                }
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static String config(ModelShape s) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("Qwen3ForCausalLM");
        c.put("model_type", "qwen3");
        c.put("hidden_size", s.hidden());
        c.put("num_hidden_layers", s.layers());
        c.put("num_attention_heads", s.heads());
        c.put("num_key_value_heads", s.kvHeads());
        c.put("head_dim", s.headDim());
        c.put("intermediate_size", s.intermediate());
        c.put("vocab_size", s.vocab());
        c.put("max_position_embeddings", s.maxPositions());
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", 1_000_000.0);
        c.putNull("rope_scaling");
        c.put("hidden_act", "silu");
        c.put("attention_bias", false);
        c.put("tie_word_embeddings", true);
        c.put("eos_token_id", s.vocab() - 1);
        c.put("torch_dtype", "float32");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
    }

    /** A word-level tokenizer: id i is the word {@code t<i>}; the last id is {@code <|im_end|>} (EOS). */
    private static String tokenizer(ModelShape s) throws IOException {
        ObjectNode t = JSON.createObjectNode();
        t.put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        ObjectNode eos = t.putArray("added_tokens").addObject();
        eos.put("id", s.vocab() - 1).put("content", "<|im_end|>").put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        t.putNull("normalizer");
        t.putObject("pre_tokenizer").put("type", "Whitespace");
        t.putNull("post_processor");
        t.putNull("decoder");
        ObjectNode model = t.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < s.vocab() - 1; i++) {
            vocab.put("t" + i, i);
        }
        vocab.put("<|im_end|>", s.vocab() - 1);
        model.put("unk_token", "t0");
        return JSON.writeValueAsString(t);
    }
}
