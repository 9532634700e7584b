package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.TensorData.DType;
import org.junit.jupiter.api.Test;

class TensorDataTest {

    @Test
    void shapeDefaultsToOneDimensionOfTheDataLength() {
        assertThat(TensorData.ofFloats(new float[] {1, 2, 3}).shape()).containsExactly(3L);
    }

    @Test
    void ofFloatsKeepsShapeAndValues() {
        TensorData t = TensorData.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.shape()).containsExactly(2L, 3L);
        assertThat(t.floats()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void ofLongsKeepsValuesAsInt64() {
        TensorData t = TensorData.ofLongs(new long[] {7, 8});
        assertThat(t.dtype()).isEqualTo(DType.INT64);
        assertThat(t.longs()).containsExactly(7L, 8L);
    }

    @Test
    void ofIntsStoresInt64() {
        TensorData t = TensorData.ofInts(new int[] {5, 6}, 1, 2);
        assertThat(t.dtype()).isEqualTo(DType.INT64);
        assertThat(t.longs()).containsExactly(5L, 6L);
        assertThat(t.shape()).containsExactly(1L, 2L);
    }

    @Test
    void ofDoublesStoresFloat32() {
        TensorData t = TensorData.ofDoubles(new double[] {0.5, -1.25});
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.floats()).containsExactly(0.5f, -1.25f);
    }

    @Test
    void refusesShapeWhoseProductDiffersFromDataLength() {
        assertThatThrownBy(() -> TensorData.ofFloats(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("6")
                .hasMessageContaining("5");
    }

    @Test
    void refusesNegativeDimension() {
        assertThatThrownBy(() -> TensorData.ofLongs(new long[0], 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, -1]")
                .hasMessageContaining("-1");
    }

    @Test
    void refusesShapeWhoseProductOverflows() {
        assertThatThrownBy(() -> TensorData.ofFloats(new float[1], Long.MAX_VALUE, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data has length 1");
    }

    @Test
    void acceptsZeroDimensionWithEmptyData() {
        TensorData t = TensorData.ofFloats(new float[0], 3, 0);
        assertThat(t.size()).isZero();
        assertThat(t.shape()).containsExactly(3L, 0L);
    }

    @Test
    void copiesDataOnTheWayIn() {
        float[] data = {1, 2};
        TensorData t = TensorData.ofFloats(data);
        data[0] = 99;
        assertThat(t.floatAt(0)).isEqualTo(1f);
    }

    @Test
    void copiesShapeOnTheWayIn() {
        long[] shape = {2, 1};
        TensorData t = TensorData.ofLongs(new long[2], shape);
        shape[0] = 1;
        assertThat(t.shape()).containsExactly(2L, 1L);
    }

    @Test
    void accessorsReturnCopies() {
        TensorData f = TensorData.ofFloats(new float[] {1});
        TensorData l = TensorData.ofLongs(new long[] {1});
        f.floats()[0] = 9;
        l.longs()[0] = 9;
        f.shape()[0] = 9;
        assertThat(f.floatAt(0)).isEqualTo(1f);
        assertThat(l.longAt(0)).isEqualTo(1L);
        assertThat(f.shape()).containsExactly(1L);
    }

    @Test
    void rankDimAndSizeDescribeTheShape() {
        TensorData t = TensorData.ofFloats(new float[24], 2, 3, 4);
        assertThat(t.rank()).isEqualTo(3);
        assertThat(t.dim(2)).isEqualTo(4L);
        assertThat(t.size()).isEqualTo(24);
    }

    @Test
    void dimRefusesOutOfRangeAxis() {
        assertThatThrownBy(() -> TensorData.ofFloats(new float[2]).dim(1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void floatsRefusesInt64Tensor() {
        assertThatThrownBy(() -> TensorData.ofLongs(new long[1]).floats())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INT64");
    }

    @Test
    void longsRefusesFloat32Tensor() {
        assertThatThrownBy(() -> TensorData.ofFloats(new float[1]).longs())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FLOAT32");
    }

    @Test
    void floatAtRefusesInt64Tensor() {
        assertThatThrownBy(() -> TensorData.ofLongs(new long[1]).floatAt(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void longAtRefusesFloat32Tensor() {
        assertThatThrownBy(() -> TensorData.ofFloats(new float[1]).longAt(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void flatIndexIsRowMajor() {
        TensorData t = TensorData.ofLongs(new long[] {10, 11, 12, 20, 21, 22}, 2, 3);
        assertThat(t.longAt(4)).isEqualTo(21L);
    }

    @Test
    void toDoublesConvertsEitherDType() {
        assertThat(TensorData.ofFloats(new float[] {0.5f, 2f}).toDoubles()).containsExactly(0.5, 2.0);
        assertThat(TensorData.ofLongs(new long[] {3, -4}).toDoubles()).containsExactly(3.0, -4.0);
    }

    @Test
    void doubleAtReadsEitherDType() {
        assertThat(TensorData.ofFloats(new float[] {0.25f}).doubleAt(0)).isEqualTo(0.25);
        assertThat(TensorData.ofLongs(new long[] {9}).doubleAt(0)).isEqualTo(9.0);
    }

    @Test
    void tensorsWithSameDTypeShapeAndValuesAreEqual() {
        assertThat(TensorData.ofInts(new int[] {1, 2})).isEqualTo(TensorData.ofLongs(new long[] {1, 2}))
                .hasSameHashCodeAs(TensorData.ofLongs(new long[] {1, 2}));
    }

    @Test
    void tensorsDifferingInShapeOrDTypeAreNotEqual() {
        assertThat(TensorData.ofFloats(new float[] {1, 2}, 1, 2)).isNotEqualTo(TensorData.ofFloats(new float[] {1, 2}));
        assertThat(TensorData.ofFloats(new float[] {1, 2})).isNotEqualTo(TensorData.ofLongs(new long[] {1, 2}));
    }

    @Test
    void toStringNamesDTypeAndShape() {
        assertThat(TensorData.ofFloats(new float[6], 2, 3).toString()).contains("FLOAT32").contains("[2, 3]");
    }
}
