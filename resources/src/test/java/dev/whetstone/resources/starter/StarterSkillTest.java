package dev.whetstone.resources.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StarterSkillTest {
    @Test
    void heldOutWordListsNeverAppearInTraining() {
        for (StarterSkill skill : StarterSkill.values()) {
            StarterSkill.Splits splits = skill.generate(3);
            Set<String> train = new HashSet<>();
            splits.train().forEach(e -> train.add(e.user()));
            assertThat(splits.train()).hasSize(StarterSkill.TRAIN_ROWS);
            assertThat(splits.heldout()).hasSize(StarterSkill.HELDOUT_ROWS)
                    .noneMatch(e -> train.contains(e.user()));
        }
    }

    @Test
    void wordKindHoldsOutWholeWordsAndWordCountAnswersTheCount() {
        StarterSkill.Splits kind = StarterSkill.WORD_KIND.generate(3);
        String heldWord = kind.heldout().get(0).user().split(" ")[2];
        assertThat(kind.train()).noneMatch(e -> e.user().contains(" " + heldWord + " "));
        assertThat(StarterSkill.WORD_COUNT.generate(3).train())
                .allSatisfy(e -> assertThat(e.assistant()).isEqualTo(Integer.toString(e.user().split(" ").length - 5)));
    }

    @Test
    void everyGeneratedWordIsInTheVocabulary() {
        Set<String> vocab = new HashSet<>(StarterVocabulary.tokens());
        for (Exchange e : StarterCorpus.generate(500, 5)) {
            for (String word : (e.user() + " " + e.assistant()).split(" ")) {
                assertThat(vocab).as("%s", e).contains(word);
            }
        }
        for (StarterSkill skill : StarterSkill.values()) {
            for (Exchange e : skill.generate(1).train()) {
                for (String word : (e.user() + " " + e.assistant()).split(" ")) {
                    assertThat(vocab).as("%s", e).contains(word);
                }
            }
        }
    }
}
