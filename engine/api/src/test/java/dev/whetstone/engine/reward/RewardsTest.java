package dev.whetstone.engine.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in rewards. */
class RewardsTest {
    private static final ObjectNode ROW = JsonNodeFactory.instance.objectNode().put("answer", "we eat it").put("n", "42");

    private static double score(String spec, String completion) {
        return Rewards.parse(spec).score(List.of(new RewardInput(ROW, completion)))[0];
    }

    @Test
    void exactMatchComparesTheTrimmedCompletionWithTheField() {
        assertThat(score("exact-match:answer", " we eat it\n")).isEqualTo(1.0);
        assertThat(score("exact-match:answer", "we eat")).isEqualTo(0.0);
        assertThat(Rewards.parse("exact-match:answer").requiredFields()).containsExactly("answer");
    }

    @Test
    void numericTakesTheLastNumberOfTheCompletion() {
        assertThat(score("numeric:n", "6 * 7 = 42")).isEqualTo(1.0);
        assertThat(score("numeric:n", "42, no: 41")).isEqualTo(0.0);
        assertThat(score("numeric:n", "no number")).isEqualTo(0.0);
    }

    @Test
    void regexJsonAndLengthScoreTheCompletionAlone() {
        assertThat(score("regex:^we\\b", "we eat it")).isEqualTo(1.0);
        assertThat(score("regex:^we\\b", "they eat it")).isEqualTo(0.0);
        assertThat(score("json", " {\"a\": 1} ")).isEqualTo(1.0);
        assertThat(score("json", "{\"a\": ")).isEqualTo(0.0);
        assertThat(score("length:3-9", "we eat it")).isEqualTo(1.0);
        assertThat(score("length:-5", "we eat it")).isEqualTo(0.0);
    }

    @Test
    void aRowWithoutTheFieldScoresZero() {
        assertThat(Rewards.parse("exact-match:missing").score(List.of(new RewardInput(ROW, "x")))).containsExactly(0.0);
    }

    @Test
    void badSpecsNameTheFix() {
        assertThatThrownBy(() -> Rewards.parse("exactly:answer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown reward 'exactly:answer'").hasMessageContaining("--reward-command");
        assertThatThrownBy(() -> Rewards.parse("exact-match")).hasMessageContaining("needs a field");
        assertThatThrownBy(() -> Rewards.parse("regex:(")).hasMessageContaining("bad regular expression");
        assertThatThrownBy(() -> Rewards.parse("length:9-3")).hasMessageContaining("MIN > MAX");
    }
}
