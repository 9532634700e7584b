package dev.whetstone.app.playground;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the heatmap puts tokens: wrapped rows per sample, newlines end a row, only rows on screen are visited. */
class HeatmapLayoutTest {
    private final HeatmapLayout layout = new HeatmapLayout(text -> 10.0 * text.length(), 20, 10);

    private static TokenPiece piece(int sequence, int position, String text) {
        return new TokenPiece(sequence, position, position, text, -1);
    }

    @Test
    void tokensWrapAtTheWidthAndANewlineEndsItsRow() {
        layout.width(100);
        layout.add(piece(0, 0, "abcd"));     // 40 wide
        layout.add(piece(0, 1, "efgh"));     // 40: 80 of 100
        layout.add(piece(0, 2, "ijk"));      // 30: wraps
        layout.add(piece(0, 3, "l\n"));      // 20: "l⏎", ends the row
        layout.add(piece(0, 4, "m"));
        assertThat(layout.boxOf(0, 1)).containsExactly(40, 0, 40);
        assertThat(layout.boxOf(0, 2)).containsExactly(0, 20, 30);
        assertThat(layout.boxOf(0, 3)).containsExactly(30, 20, 20);
        assertThat(layout.boxOf(0, 4)).containsExactly(0, 40, 10);
        assertThat(layout.height()).isEqualTo(60);
    }

    @Test
    void samplesStackAndTheTokenUnderThePointIsFound() {
        layout.width(100);
        layout.add(piece(0, 0, "aa"));
        layout.add(piece(1, 0, "bbb"));
        layout.add(piece(0, 1, "cc"));      // sample 0 grows after sample 1 began: sample 1 moves down
        assertThat(layout.boxOf(1, 0)).containsExactly(0, 30, 30);
        assertThat(layout.at(25, 5).text()).isEqualTo("cc");
        assertThat(layout.at(5, 35).text()).isEqualTo("bbb");
        assertThat(layout.at(5, 25)).as("the gap between samples").isNull();
        assertThat(layout.at(95, 5)).as("right of the last token").isNull();
    }

    @Test
    void aNarrowerViewRewrapsEveryTokenAndOnlyVisibleRowsAreVisited() {
        layout.width(1000);
        for (int i = 0; i < 1000; i++) {
            layout.add(piece(0, i, "abcd"));
        }
        assertThat(layout.height()).isEqualTo(40 * 20);          // 25 tokens a row
        layout.width(200);
        assertThat(layout.height()).isEqualTo(200 * 20);         // 5 a row
        List<String> rows = new ArrayList<>();
        layout.visit(1000, 1039, (y, row) -> rows.add(y + ":" + row.size() + ":" + row.text().length()));
        assertThat(rows).containsExactly("1000.0:5:20", "1020.0:5:20");
        assertThat(layout.size()).isEqualTo(1000);
    }

    @Test
    void newlinesTabsAndEmptyTokensAreDrawnVisibly() {
        assertThat(HeatmapLayout.shown(piece(0, 0, "a\nb"))).isEqualTo("a⏎b");
        assertThat(HeatmapLayout.shown(piece(0, 0, "\t"))).isEqualTo("⇥");
        assertThat(HeatmapLayout.shown(piece(0, 0, ""))).isEqualTo("∅");
    }
}
