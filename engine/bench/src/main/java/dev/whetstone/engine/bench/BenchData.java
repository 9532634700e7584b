package dev.whetstone.engine.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The workload both contenders run: a train batch of {@code batch} random sequences of {@code tokens + 1}
 * ids (input = all but the last, target = all but the first, every position weighted 1) and a sampling
 * prompt with the number of new tokens. Written to {@code data.json} for the PyTorch reference.
 */
public final class BenchData {
    private final long[][] sequences;   // [B][T + 1]
    private final int[] prompt;         // [P]
    private final int newTokens;

    private BenchData(long[][] sequences, int[] prompt, int newTokens) {
        this.sequences = sequences;
        this.prompt = prompt;
        this.newTokens = newTokens;
    }

    /** Random ids below the EOS id (V - 1), drawn from {@code seed}. */
    public static BenchData random(ModelShape shape, int batch, int tokens, int promptTokens, int newTokens, long seed) {
        if (batch < 1 || tokens < 1 || promptTokens < 1 || newTokens < 1) {
            throw new IllegalArgumentException("batch, tokens, promptTokens and newTokens must be >= 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[][] sequences = new long[batch][tokens + 1];
        for (long[] row : sequences) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(shape.vocab() - 1);
            }
        }
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = random.nextInt(shape.vocab() - 1);
        }
        return new BenchData(sequences, prompt, newTokens);
    }

    public int batch() {
        return sequences.length;
    }

    /** T: input tokens per sequence. */
    public int tokens() {
        return sequences[0].length - 1;
    }

    /** Row {@code i}: T + 1 ids (a copy). */
    public long[] sequence(int i) {
        return sequences[i].clone();
    }

    public int[] prompt() {
        return prompt.clone();
    }

    public int newTokens() {
        return newTokens;
    }

    /** Writes {@code {"tokens": [[...]], "prompt": [...], "new_tokens": n}}. */
    public Path write(Path file) {
        JsonMapper json = new JsonMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode rows = root.putArray("tokens");
        for (long[] row : sequences) {
            ArrayNode r = rows.addArray();
            for (long id : row) {
                r.add(id);
            }
        }
        ArrayNode p = root.putArray("prompt");
        for (int id : prompt) {
            p.add(id);
        }
        root.put("new_tokens", newTokens);
        try {
            Files.writeString(file, json.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }
}
