package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file a run was trained from, fingerprinted in its run card, so the run can be reproduced and a resume can
 * tell when it changed: {@code {"role": "dataset", "path": "/data/chat.jsonl", "sha256": "9f86d0…"}}.
 *
 * @param role   what the file is to the run
 * @param path   where it was, absolute
 * @param sha256 the SHA-256 of its bytes (of the template text, for {@link Role#CHAT_TEMPLATE}), 64 lowercase hex digits
 */
public record RunInput(Role role, String path, String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** What a fingerprinted file is to the run. */
    public enum Role {
        /** The training file. */
        DATASET("dataset"),
        /** The held-out exact-match file. */
        EXACT_MATCH_FILE("eval_exact_match"),
        /** A DPO run's held-out preference pairs, or a GRPO run's held-out prompts. */
        HELDOUT_FILE("heldout"),
        /** The model's chat template: {@code chat_template.jinja}, or the template in {@code tokenizer_config.json}. */
        CHAT_TEMPLATE("chat_template"),
        /** The model's {@code tokenizer.json}. */
        TOKENIZER("tokenizer"),
        /** The base model's {@code config.json}. */
        MODEL_CONFIG("model_config"),
        /** The base model's {@code model.safetensors.index.json}. */
        WEIGHT_INDEX("weight_index"),
        /** A base-model weights file, when there is no index. */
        WEIGHTS("weights");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        /** The role's name in the run card. */
        @JsonValue
        public String id() {
            return id;
        }

        /** The role named {@code id}. */
        @JsonCreator
        public static Role fromId(String id) {
            for (Role r : values()) {
                if (r.id.equals(id)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown run input role '" + id + "'");
        }

        /** How a message names it: "the dataset", "the chat template". */
        public String describe() {
            return switch (this) {
                case DATASET -> "the dataset";
                case EXACT_MATCH_FILE -> "the held-out exact-match file";
                case HELDOUT_FILE -> "the held-out file";
                case CHAT_TEMPLATE -> "the chat template";
                case TOKENIZER -> "the tokenizer";
                case MODEL_CONFIG -> "the base model's config";
                case WEIGHT_INDEX -> "the base model's weight index";
                case WEIGHTS -> "the base model's weights";
            };
        }
    }

    public RunInput {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, was " + sha256);
        }
    }
}
