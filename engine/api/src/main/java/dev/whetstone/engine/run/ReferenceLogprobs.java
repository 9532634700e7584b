package dev.whetstone.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.checkpoint.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A DPO run's reference log-probabilities: for each training and held-out pair, the log-probability of its chosen and
 * of its rejected reply under the model the run started from. Computed once before the first step and kept in
 * {@code runs/<id>/reference_logprobs.json} (written atomically), so a resumed or branched run uses the same reference.
 *
 * @param train   {@code [pair][0 = chosen, 1 = rejected]} for the training pairs
 * @param heldout the same for the held-out pairs
 */
record ReferenceLogprobs(double[][] train, double[][] heldout) {
    static final String FILE = "reference_logprobs.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file in run folder {@code dir}, or null when there is none or it is for other data (another pair count). */
    static ReferenceLogprobs read(Path dir, int trainPairs, int heldoutPairs) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            double[][] train = pairs(root.path("train"));
            double[][] heldout = pairs(root.path("heldout"));
            return train.length == trainPairs && heldout.length == heldoutPairs ? new ReferenceLogprobs(train, heldout) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + "; delete it to compute the reference again from step 0", e);
        }
    }

    /** Writes the file into run folder {@code dir}. */
    void write(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.set("train", array(train));
        root.set("heldout", array(heldout));
        try {
            AtomicDirectory.replaceFile(dir.resolve(FILE), JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir.resolve(FILE), e);
        }
    }

    private static double[][] pairs(JsonNode array) {
        double[][] out = new double[array.size()][2];
        for (int i = 0; i < out.length; i++) {
            out[i][0] = array.get(i).get(0).asDouble();
            out[i][1] = array.get(i).get(1).asDouble();
        }
        return out;
    }

    private static ArrayNode array(double[][] pairs) {
        ArrayNode array = JSON.createArrayNode();
        for (double[] p : pairs) {
            array.addArray().add(p[0]).add(p[1]);
        }
        return array;
    }
}
