package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Round axis ranges that stay put while the data stays inside them. */
class SteadyRangeTest {

    @Test
    void aFirstFitIsRoundAndHoldsTheData() {
        SteadyRange r = SteadyRange.fit(SteadyRange.NONE, 0.3, 2.7);
        assertThat(r).isEqualTo(new SteadyRange(0, 3, 1));
    }

    @Test
    void aGrowingStepAxisMovesRarely() {
        SteadyRange r = SteadyRange.NONE;
        int changes = 0;
        for (int step = 1; step <= 100_000; step++) {
            SteadyRange next = SteadyRange.fit(r, 1, step);
            if (!next.equals(r)) {
                changes++;
            }
            r = next;
            assertThat(r.lower()).isLessThanOrEqualTo(1);
            assertThat(r.upper()).isGreaterThanOrEqualTo(step);
        }
        assertThat(changes).isLessThan(60);
    }

    @Test
    void dataFillingLessThanAThirdRefits() {
        SteadyRange wide = SteadyRange.fit(SteadyRange.NONE, 0, 10);
        SteadyRange narrow = SteadyRange.fit(wide, 4, 5);
        assertThat(narrow.upper() - narrow.lower()).isLessThan(wide.upper() - wide.lower());
        assertThat(narrow.lower()).isLessThanOrEqualTo(4);
        assertThat(narrow.upper()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aFlatLineGetsARangeAroundIt() {
        SteadyRange r = SteadyRange.fit(SteadyRange.NONE, 1e-4, 1e-4);
        assertThat(r.lower()).isLessThanOrEqualTo(1e-4);
        assertThat(r.upper()).isGreaterThan(1e-4);
    }

    @Test
    void roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SteadyRange.roundStep(0.13)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SteadyRange.roundStep(3)).isEqualTo(5);
        assertThat(SteadyRange.roundStep(7)).isEqualTo(10);
        assertThat(SteadyRange.roundStep(100)).isEqualTo(100);
    }
}
