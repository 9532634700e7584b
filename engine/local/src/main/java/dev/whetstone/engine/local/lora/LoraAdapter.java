package dev.whetstone.engine.local.lora;

import dev.whetstone.engine.lora.LoraSite;
import dev.whetstone.engine.lora.PeftAdapter;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.local.model.AdapterHook;
import dev.whetstone.engine.model.FloatTensor;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.model.Projection;
import dev.whetstone.engine.local.model.ProjectionGroup;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A LoRA adapter on a decoder: trainable factors A [R, in] and B [out, R] per adapted layer, added as
 * {@code scale · (x·Aᵀ)·Bᵀ} to the frozen projection (PEFT's semantics; computed as {@code (scale·x·Aᵀ)·Bᵀ}).
 *
 * <p>Lives on the model's device thread; its tensors are float32 and outlive every step.
 */
public final class LoraAdapter implements AdapterHook, AutoCloseable {
    private final NDManager parent;        // the model's: copies get their own owner under it
    private final OwnedTensors owned;
    private final ScalarConstants constants;
    private final int rank;
    private final TreeMap<LoraSite, LoraPair> pairs = new TreeMap<>();
    private SamplingFactors sampling;     // set by freeze(): the adapter is then a read-only sampling snapshot
    private double alpha;
    private double scale;

    private LoraAdapter(NDManager parent, ScalarConstants constants, int rank, double alpha, double scale) {
        this.parent = parent;
        this.owned = new OwnedTensors(parent, "LoRA adapter");
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

    @Override
    public NDArray delta(int layer, Projection projection, NDArray input) {
        LoraSite site = new LoraSite(layer, projection);
        LoraPair pair = pairs.get(site);
        if (pair == null) {
            return null;
        }
        NDArray down = linear(input, pair.a());                                  // [..., R]
        if (sampling != null) {
            return linear(down, sampling.scaledB(site));                         // [..., out]
        }
        // the scale on the [..., R] rows, not the [..., out] delta: out/R times less to multiply (PEFT scales
        // the delta; the same bits when the scale is a power of two, as alpha 32 / rank 16)
        return linear(down.mul(constants.of(scale)), pair.b());
    }

    /** A frozen adapter computes a fused group's deltas with two matmuls; a trainable one member by member. */
    @Override
    public NDArray delta(int layer, ProjectionGroup group, NDArray input, long[] widths) {
        LoraPair stacked = sampling == null ? null : sampling.stacked(layer, group);
        if (stacked == null) {
            return AdapterHook.super.delta(layer, group, input, widths);
        }
        return linear(linear(input, stacked.a()), stacked.b());               // [..., g·R] → [..., Σ out]
    }

    private static NDArray linear(NDArray x, NDArray weight) {
        return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
    }

    /**
     * Prepares this adapter for sampling only ({@link SamplingFactors}, held under this adapter's owner): its factors must not change
     * afterwards, which sampling snapshots guarantee. Returns this.
     */
    public LoraAdapter freeze() {
        if (sampling == null) {
            sampling = new SamplingFactors(pairs, rank, scale, new OwnedTensors(owned.manager(), "sampling factors"), constants);
        }
        return this;
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
        if (sampling != null) {
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

    /** An independent copy on the same device, with its own owner (an immutable snapshot for sampling). */
    public LoraAdapter copy() {
        LoraAdapter copy = new LoraAdapter(parent, constants, rank, alpha, scale);
        for (Map.Entry<LoraSite, LoraPair> e : pairs.entrySet()) {
            NDArray a = copy.owned.keep(e.getValue().a().duplicate());
            NDArray b = copy.owned.keep(e.getValue().b().duplicate());
            copy.pairs.put(e.getKey(), new LoraPair(a, b));
        }
        return copy;
    }

    private void put(LoraSite site, FloatTensor a, FloatTensor b) {
        NDArray aArray = owned.keep(HostArrays.floats(owned.manager(), a.data(), new Shape(a.shape())));
        NDArray bArray = owned.keep(HostArrays.floats(owned.manager(), b.data(), new Shape(b.shape())));
        aArray.setRequiresGradient(true);
        bArray.setRequiresGradient(true);
        pairs.put(site, new LoraPair(aArray, bArray));
    }

    private void replace(LoraSite site, FloatTensor a, FloatTensor b) {
        LoraPair old = pairs.get(site);
        put(site, a, b);
        old.a().close();   // replaced
        old.b().close();
    }

    /** Frees the factors (and the sampling factors of a frozen adapter). */
    @Override
    public void close() {
        owned.close();
        pairs.clear();
    }
}
