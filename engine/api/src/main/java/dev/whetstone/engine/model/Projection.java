package dev.whetstone.engine.model;

/** The linear layers LoRA can adapt, with their Hugging Face module names. */
public enum Projection {
    Q("self_attn.q_proj"),
    K("self_attn.k_proj"),
    V("self_attn.v_proj"),
    O("self_attn.o_proj"),
    GATE("mlp.gate_proj"),
    UP("mlp.up_proj"),
    DOWN("mlp.down_proj"),
    LM_HEAD("lm_head");

    private final String modulePath;

    Projection(String modulePath) {
        this.modulePath = modulePath;
    }

    /** Module path inside a layer ({@code self_attn.q_proj}) or at the top ({@code lm_head}). */
    public String modulePath() {
        return modulePath;
    }

    /** The short module name PEFT's {@code target_modules} uses ({@code q_proj}, {@code lm_head}). */
    public String moduleName() {
        int dot = modulePath.lastIndexOf('.');
        return dot < 0 ? modulePath : modulePath.substring(dot + 1);
    }

    /** Input features of this projection in a model of {@code config}. */
    public long inFeatures(ModelConfig config) {
        return switch (this) {
            case O -> (long) config.numHeads() * config.headDim();
            case DOWN -> config.intermediateSize();
            default -> config.hiddenSize();
        };
    }

    /** Output features of this projection in a model of {@code config}. */
    public long outFeatures(ModelConfig config) {
        return switch (this) {
            case Q -> (long) config.numHeads() * config.headDim();
            case K, V -> (long) config.numKvHeads() * config.headDim();
            case O, DOWN -> config.hiddenSize();
            case GATE, UP -> config.intermediateSize();
            case LM_HEAD -> config.vocabSize();
        };
    }

    /** Whether this is an attention projection (trained when {@code trainAttn}). */
    public boolean isAttention() {
        return this == Q || this == K || this == V || this == O;
    }

    /** Whether this is an MLP projection (trained when {@code trainMlp}). */
    public boolean isMlp() {
        return this == GATE || this == UP || this == DOWN;
    }
}
