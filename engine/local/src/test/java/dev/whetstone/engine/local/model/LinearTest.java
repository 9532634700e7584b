package dev.whetstone.engine.local.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.local.tensor.Autograd;
import org.junit.jupiter.api.Test;

/**
 * A frozen float16 linear (the CUDA layout) under a float32 activation: the values, and the gradient that
 * must reach whatever is trained below it. Runs on the CPU, where libtorch also multiplies float16.
 */
class LinearTest {
    private static final float[] WEIGHT = {0.5f, -1.25f, 2f, 0.75f, 1.5f, -0.5f};   // [2, 3], exact in float16
    private static final float[] INPUT = {1f, 2f, -1f, 0.25f, -3f, 4f};             // [2, 3]

    @Test
    void float16WeightGivesFloat32ValuesAndPassesTheGradientThrough() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(WEIGHT, new Shape(2, 3)).toType(DataType.FLOAT16, false);
            NDArray x = manager.create(INPUT, new Shape(2, 3));
            x.setRequiresGradient(true);
            NDArray y;
            try (Autograd.Recording recording = Autograd.record()) {
                NDArray hidden = x.mul(manager.create(2f));   // a tracked activation, as inside the decoder
                y = new Linear(weight, null).apply(hidden);
                Autograd.backward(y.sum());
            }
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
            float[] values = y.toFloatArray();
            // y = 2x·Wᵀ
            assertThat(values[0]).isCloseTo(2 * (0.5f * 1 - 1.25f * 2 + 2f * -1), within(1e-3f));
            assertThat(values[3]).isCloseTo(2 * (0.75f * 0.25f + 1.5f * -3 - 0.5f * 4), within(1e-3f));
            // d(sum y)/dx = 2 · (column sums of W), for every row
            float[] grad = x.getGradient().toFloatArray();
            float[] expected = {2 * (0.5f + 0.75f), 2 * (-1.25f + 1.5f), 2 * (2f - 0.5f)};
            for (int i = 0; i < grad.length; i++) {
                assertThat(grad[i]).as("dx[%d]", i).isCloseTo(expected[i % 3], within(1e-3f));
            }
        }
    }

    @Test
    void batchedActivationsKeepTheirShapeAndGradient() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(WEIGHT, new Shape(2, 3)).toType(DataType.FLOAT16, false);
            NDArray x = manager.create(new float[] {1f, 2f, -1f, 0.25f, -3f, 4f, 0.5f, 0.5f, 0.5f, 1f, 0f, -1f},
                    new Shape(2, 2, 3));                                                     // [B, T, in], as in the decoder
            x.setRequiresGradient(true);
            NDArray y;
            try (Autograd.Recording recording = Autograd.record()) {
                y = new Linear(weight, null).apply(x.mul(manager.create(1f)));
                Autograd.backward(y.sum());
            }
            assertThat(y.getShape()).isEqualTo(new Shape(2, 2, 2));
            assertThat(y.toFloatArray()[6]).isCloseTo(0.5f * 1 - 1.25f * 0 + 2f * -1, within(1e-3f));
            assertThat(x.getGradient().toFloatArray()[4]).isCloseTo(-1.25f + 1.5f, within(1e-3f));
        }
    }

    @Test
    void outsideRecordingTheCastIsPlain() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(WEIGHT, new Shape(2, 3)).toType(DataType.FLOAT16, false);
            NDArray y = new Linear(weight, null).apply(manager.create(INPUT, new Shape(2, 3)));
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(y.hasGradient()).isFalse();
            assertThat(y.toFloatArray()[1]).isCloseTo(0.75f * 1 + 1.5f * 2 - 0.5f * -1, within(1e-3f));
        }
    }
}
