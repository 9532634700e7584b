package dev.whetstone.engine.local.lora;

import dev.whetstone.engine.lora.LoraSite;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.model.Projection;
import dev.whetstone.engine.local.model.ProjectionGroup;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A frozen adapter's factors rearranged for decoding, where every op counts: the scale folded into each
 * B, and each fully adapted q/k/v or gate/up group stacked (A's along rows [g·R, in], B's block-diagonal
 * [Σ out, g·R]) so a group's delta is two matmuls instead of three ops per member plus a multiply.
 * Built once from factors that never change afterwards; freed with its {@link LoraAdapter}.
 */
final class SamplingFactors {
    private record GroupSite(int layer, ProjectionGroup group) {
    }

    private final Map<LoraSite, NDArray> scaledB = new HashMap<>();   // [out, R]
    private final Map<GroupSite, LoraPair> stacked = new HashMap<>();

    /** The factors of {@code pairs} rearranged, held by {@code owned} (a child of the adapter's owner, freed with it). */
    SamplingFactors(Map<LoraSite, LoraPair> pairs, int rank, double scale, OwnedTensors owned, ScalarConstants constants) {
        for (Map.Entry<LoraSite, LoraPair> e : pairs.entrySet()) {
            scaledB.put(e.getKey(), owned.keep(e.getValue().b().mul(constants.of(scale))));
        }
        Set<Integer> layers = new TreeSet<>();
        pairs.keySet().stream().filter(site -> site.layer() >= 0).forEach(site -> layers.add(site.layer()));
        for (int layer : layers) {
            for (ProjectionGroup group : ProjectionGroup.values()) {
                List<LoraPair> members = new ArrayList<>();
                for (Projection p : group.members()) {
                    LoraPair pair = pairs.get(new LoraSite(layer, p));
                    if (pair != null) {
                        members.add(pair);
                    }
                }
                if (members.size() == group.members().size()) {
                    stacked.put(new GroupSite(layer, group), stack(members, rank, scale, owned));
                }
            }
        }
    }

    /** scale·B of {@code site} [out, R]. */
    NDArray scaledB(LoraSite site) {
        return scaledB.get(site);
    }

    /** Stacked A [g·R, in] and block-diagonal scale·B [Σ out, g·R] of a group, or null when not fully adapted. */
    LoraPair stacked(int layer, ProjectionGroup group) {
        return stacked.get(new GroupSite(layer, group));
    }

    private static LoraPair stack(List<LoraPair> members, int rank, double scale, OwnedTensors owned) {
        int g = members.size();
        NDList as = new NDList();
        long totalOut = 0;
        for (LoraPair m : members) {
            as.add(m.a());
            totalOut += m.b().getShape().get(0);
        }
        float[] block = new float[Math.toIntExact(totalOut * g * rank)];   // [Σ out, g·R]
        int rowOffset = 0;
        for (int i = 0; i < g; i++) {
            float[] b = members.get(i).b().toFloatArray();                 // [out_i, R]
            int out = b.length / rank;
            for (int o = 0; o < out; o++) {
                for (int c = 0; c < rank; c++) {
                    block[(rowOffset + o) * g * rank + i * rank + c] = (float) (scale * b[o * rank + c]);
                }
            }
            rowOffset += out;
        }
        NDArray a = owned.keep(NDArrays.concat(as, 0));                                // [g·R, in]
        NDArray b = owned.keep(HostArrays.floats(owned.manager(), block, new Shape(totalOut, (long) g * rank)));
        return new LoraPair(a, b);
    }
}
