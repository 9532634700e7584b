package dev.whetstone.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.model.AdapterHook;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.Projection;
import dev.whetstone.engine.model.ProjectionGroup;
import dev.whetstone.engine.tensor.HostArrays;
import dev.whetstone.engine.tensor.ScalarConstants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A LoRA adapter on a decoder: trainable factors A [R, in] and B [out, R] per adapted layer, added as
 * {@code scale · (x·Aᵀ)·Bᵀ} to the frozen projection (PEFT's semantics).
 *
 * <p>Lives on the model's device thread; its tensors are float32 and outlive every step.
 */
public final class LoraAdapter implements AdapterHook, AutoCloseable {
    private final NDManager manager;
    private final ScalarConstants constants;
    private final int rank;
    private final TreeMap<LoraSite, LoraPair> pairs = new TreeMap<>();
    /** Frozen adapters only: per layer and fused group, stacked A [g·R, in] and block-diagonal scale·B [Σ out, g·R]. */
    private final Map<FusedSite, LoraPair> fused = new HashMap<>();
    /** Frozen adapters only: scale·B per site, so a delta needs no multiply. */
    private final Map<LoraSite, NDArray> scaledB = new HashMap<>();
    private boolean frozen;
    private double alpha;
    private double scale;

    private LoraAdapter(NDManager manager, ScalarConstants constants, int rank, double alpha, double scale) {
        this.manager = manager;
        this.constants = constants;
        this.rank = rank;
        this.alpha = alpha;
        this.scale = scale;
    }

    /** The sites {@code lora} adapts in a model of {@code config}, in canonical order. */
    public static List<LoraSite> sites(ModelConfig config, LoraConfig lora) {
        List<LoraSite> sites = new ArrayList<>();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            for (Projection p : Projection.values()) {
                if ((p.isAttention() && lora.trainAttn()) || (p.isMlp() && lora.trainMlp())) {
                    sites.add(new LoraSite(layer, p));
                }
            }
        }
        if (lora.trainUnembed()) {
            sites.add(LoraSite.lmHead());
        }
        return sites;
    }

    /**
     * A fresh adapter as PEFT initialises one: B = 0 (so the model starts equal to the base) and
     * A ~ U(-1/√in, 1/√in) (kaiming-uniform with a = √5), drawn in canonical site order from {@code seed}.
     */
    public static LoraAdapter initialize(ModelConfig config, LoraConfig lora, long seed, NDManager manager,
                                         ScalarConstants constants) {
        LoraAdapter adapter = new LoraAdapter(manager, constants, lora.rank(), lora.alpha(), lora.scaling());
        SplittableRandom random = new SplittableRandom(seed);
        for (LoraSite site : sites(config, lora)) {
            long in = site.projection().inFeatures(config);
            long out = site.projection().outFeatures(config);
            float[] a = new float[Math.toIntExact(lora.rank() * in)];
            double bound = 1.0 / Math.sqrt(in);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (random.nextDouble() * 2 * bound - bound);
            }
            float[] b = new float[Math.toIntExact(out * lora.rank())];
            adapter.put(site, new FloatTensor(a, new long[] {lora.rank(), in}), new FloatTensor(b, new long[] {out, lora.rank()}));
        }
        return adapter;
    }

    /** An adapter holding exactly the sites of an imported PEFT adapter (for sampling from an adapter folder). */
    public static LoraAdapter of(PeftAdapter adapter, NDManager manager, ScalarConstants constants) {
        LoraAdapter loaded = new LoraAdapter(manager, constants, adapter.rank(), adapter.alpha(), adapter.scale());
        for (Map.Entry<LoraSite, PeftAdapter.Factors> e : new TreeMap<>(adapter.factors()).entrySet()) {
            loaded.put(e.getKey(), e.getValue().a(), e.getValue().b());
        }
        return loaded;
    }

    private record FusedSite(int layer, ProjectionGroup group) {
    }

    @Override
    public NDArray delta(int layer, Projection projection, NDArray input) {
        LoraSite site = new LoraSite(layer, projection);
        LoraPair pair = pairs.get(site);
        if (pair == null) {
            return null;
        }
        NDArray down = linear(input, pair.a());                                  // [..., R]
        if (frozen) {
            return linear(down, scaledB.get(site));                              // [..., out]
        }
        return linear(down, pair.b()).mul(constants.of(scale));
    }

    /** A frozen adapter computes a fused group's deltas with two matmuls; a trainable one member by member. */
    @Override
    public NDArray delta(int layer, ProjectionGroup group, NDArray input, long[] widths) {
        LoraPair stacked = fused.get(new FusedSite(layer, group));
        if (stacked == null) {
            return AdapterHook.super.delta(layer, group, input, widths);
        }
        return linear(linear(input, stacked.a()), stacked.b());               // [..., g·R] → [..., Σ out]
    }

    private static NDArray linear(NDArray x, NDArray weight) {
        return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
    }

    /**
     * Prepares this adapter for sampling only: scale folded into B, and each fully adapted q/k/v or gate/up
     * group stacked (A's along rows, B's block-diagonal) so the group's delta is two matmuls instead of
     * 3·members ops. Its factors must not change afterwards (sampling snapshots never do). Returns this.
     */
    public LoraAdapter freeze() {
        if (frozen) {
            return this;
        }
        for (Map.Entry<LoraSite, LoraPair> e : pairs.entrySet()) {
            NDArray b = e.getValue().b().mul(constants.of(scale));
            NDScope.unregister(b);
            scaledB.put(e.getKey(), b);
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
                    fused.put(new FusedSite(layer, group), stack(members));
                }
            }
        }
        frozen = true;
        return this;
    }

    /** Stacked A [g·R, in] and block-diagonal scale·B [Σ out, g·R] of {@code members}. */
    private LoraPair stack(List<LoraPair> members) {
        int g = members.size();
        NDList as = new NDList();
        long totalOut = 0;
        for (LoraPair m : members) {
            as.add(m.a());
            totalOut += m.b().getShape().get(0);
        }
        float[] block = new float[Math.toIntExact(totalOut * g * rank)];
        int rowOffset = 0;
        for (int i = 0; i < g; i++) {
            float[] b = members.get(i).b().toFloatArray();                       // [out_i, R]
            int out = b.length / rank;
            for (int o = 0; o < out; o++) {
                for (int c = 0; c < rank; c++) {
                    block[(rowOffset + o) * g * rank + i * rank + c] = (float) (scale * b[o * rank + c]);
                }
            }
            rowOffset += out;
        }
        NDArray a = NDArrays.concat(as, 0);
        NDArray b = HostArrays.floats(manager, block, new Shape(totalOut, (long) g * rank));
        NDScope.unregister(a, b);
        return new LoraPair(a, b);
    }

    /** Every trainable tensor in canonical order: A then B for each site. */
    public List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>(pairs.size() * 2);
        for (LoraPair pair : pairs.values()) {
            all.add(pair.a());
            all.add(pair.b());
        }
        return all;
    }

    /** Parameter names in the order of {@link #parameters()}: PEFT keys. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>(pairs.size() * 2);
        for (LoraSite site : pairs.keySet()) {
            names.add(site.peftPrefix() + ".lora_A.weight");
            names.add(site.peftPrefix() + ".lora_B.weight");
        }
        return names;
    }

    /** The adapted sites in canonical order. */
    public List<LoraSite> sites() {
        return List.copyOf(pairs.keySet());
    }

    /** The factors of one site, or null. */
    public LoraPair pair(LoraSite site) {
        return pairs.get(site);
    }

    public int rank() {
        return rank;
    }

    public double alpha() {
        return alpha;
    }

    /** The factor multiplying {@code B·A}: alpha / rank (or alpha / √rank for rsLoRA adapters). */
    public double scale() {
        return scale;
    }

    /** Every factor copied to the host under its PEFT key. */
    public Map<String, FloatTensor> toHost() {
        Map<String, FloatTensor> host = new TreeMap<>();
        List<String> names = parameterNames();
        List<NDArray> params = parameters();
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            host.put(names.get(i), new FloatTensor(p.toFloatArray(), p.getShape().getShape()));
        }
        return Collections.unmodifiableMap(host);
    }

    /**
     * Replaces the factors with {@code adapter}'s (an imported PEFT adapter); sites the import does not
     * cover keep A and get B = 0, so they start with no effect. Scale follows the imported adapter.
     */
    public void load(PeftAdapter adapter) {
        if (frozen) {
            throw new IllegalStateException("a frozen (sampling) adapter cannot load new factors");
        }
        if (adapter.rank() != rank) {
            throw new IllegalArgumentException("the adapter has rank " + adapter.rank() + " but this client trains rank "
                    + rank + "; create the training client with LoraConfig.ofRank(" + adapter.rank() + ")");
        }
        for (LoraSite site : adapter.factors().keySet()) {
            if (!pairs.containsKey(site)) {
                throw new IllegalArgumentException("the adapter adapts " + site.peftPrefix()
                        + ", which this client does not train; enable it in the LoraConfig (trainAttn / trainMlp / trainUnembed)");
            }
        }
        for (LoraSite site : List.copyOf(pairs.keySet())) {
            PeftAdapter.Factors factors = adapter.factors().get(site);
            if (factors != null) {
                replace(site, factors.a(), factors.b());
            } else {
                LoraPair old = pairs.get(site);
                long[] bShape = old.b().getShape().getShape();
                replace(site, new FloatTensor(old.a().toFloatArray(), old.a().getShape().getShape()),
                        new FloatTensor(new float[Math.toIntExact(bShape[0] * bShape[1])], bShape));
            }
        }
        this.alpha = adapter.alpha();
        this.scale = adapter.scale();
    }

    /** An independent copy on the same device (an immutable snapshot for sampling). */
    public LoraAdapter copy() {
        LoraAdapter copy = new LoraAdapter(manager, constants, rank, alpha, scale);
        for (Map.Entry<LoraSite, LoraPair> e : pairs.entrySet()) {
            NDArray a = e.getValue().a().duplicate();
            NDArray b = e.getValue().b().duplicate();
            NDScope.unregister(a, b);
            copy.pairs.put(e.getKey(), new LoraPair(a, b));
        }
        return copy;
    }

    private void put(LoraSite site, FloatTensor a, FloatTensor b) {
        NDArray aArray = HostArrays.floats(manager, a.data(), new Shape(a.shape()));
        NDArray bArray = HostArrays.floats(manager, b.data(), new Shape(b.shape()));
        aArray.setRequiresGradient(true);
        bArray.setRequiresGradient(true);
        NDScope.unregister(aArray, bArray);
        pairs.put(site, new LoraPair(aArray, bArray));
    }

    private void replace(LoraSite site, FloatTensor a, FloatTensor b) {
        LoraPair old = pairs.get(site);
        put(site, a, b);
        old.a().close();
        old.b().close();
    }

    @Override
    public void close() {
        for (LoraPair pair : pairs.values()) {
            pair.a().close();
            pair.b().close();
        }
        for (LoraPair pair : fused.values()) {
            pair.a().close();
            pair.b().close();
        }
        scaledB.values().forEach(NDArray::close);
        pairs.clear();
        fused.clear();
        scaledB.clear();
    }
}
