package dev.whetstone.engine.lora;

import dev.whetstone.engine.model.Projection;

/**
 * One adapted linear layer: a projection of a layer, or the LM head (layer -1).
 */
public record LoraSite(int layer, Projection projection) implements Comparable<LoraSite> {

    public LoraSite {
        if ((projection == Projection.LM_HEAD) != (layer == -1)) {
            throw new IllegalArgumentException("lm_head has layer -1 and layer projections have layer >= 0, was "
                    + layer + " for " + projection);
        }
    }

    /** The LM head site. */
    public static LoraSite lmHead() {
        return new LoraSite(-1, Projection.LM_HEAD);
    }

    /** The PEFT tensor-name prefix, e.g. {@code base_model.model.model.layers.3.self_attn.q_proj}. */
    public String peftPrefix() {
        return projection == Projection.LM_HEAD
                ? "base_model.model.lm_head"
                : "base_model.model.model.layers." + layer + "." + projection.modulePath();
    }

    /** Canonical order: layers in order, projections in declaration order, the head last. */
    @Override
    public int compareTo(LoraSite other) {
        int a = layer < 0 ? Integer.MAX_VALUE : layer;
        int b = other.layer < 0 ? Integer.MAX_VALUE : other.layer;
        return a != b ? Integer.compare(a, b) : projection.compareTo(other.projection);
    }
}
