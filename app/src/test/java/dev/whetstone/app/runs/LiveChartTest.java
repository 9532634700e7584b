package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The canvas chart's tick labels and point counts (no stage needed). */
class LiveChartTest {

    @Test
    void tickLabelsHaveTheDecimalsTheirTickNeeds() {
        assertThat(LiveChart.label(0.25, 0.05)).isEqualTo("0.25");
        assertThat(LiveChart.label(20_000, 10_000)).isEqualTo("20000");
        assertThat(LiveChart.label(1.5, 0.5)).isEqualTo("1.5");
        assertThat(LiveChart.label(5e-5, 5e-5)).isEqualTo("5.0e-05");
        assertThat(LiveChart.label(1e-17, 0.2)).isEqualTo("0");
    }

    @Test
    void countsOnlyFinitePointsAndWantsOnePlotPerSeries() {
        LiveChart chart = new LiveChart("Loss", "train", "eval");
        chart.show(new Plot(new double[] {1, 2, 3}, new double[] {2.0, Double.NaN, 1.0}), new Plot(new double[] {3}, new double[] {1.5}));
        assertThat(chart.points(0)).isEqualTo(2);
        assertThat(chart.plottedPoints()).isEqualTo(3);
        assertThatThrownBy(() -> chart.show(Plot.EMPTY)).hasMessageContaining("one plot per series: 2 series, 1 plots");
    }
}
