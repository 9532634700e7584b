package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.Projection;
import java.util.List;

/**
 * Projections of one layer that read the same input and run as one fused matmul: q/k/v and gate/up.
 * Their weights are stacked along the output axis in this order.
 */
public enum ProjectionGroup {
    QKV(List.of(Projection.Q, Projection.K, Projection.V)),
    GATE_UP(List.of(Projection.GATE, Projection.UP));

    private final List<Projection> members;

    ProjectionGroup(List<Projection> members) {
        this.members = members;
    }

    /** The member projections in stacking order. */
    public List<Projection> members() {
        return members;
    }
}
