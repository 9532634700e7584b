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
    void lastWordAnswersTheLastWordAndFirstWordTwiceRepeatsTheFirst() {
        assertThat(StarterSkill.LAST_WORD.exchange(List.of("red", "cat", "tea")).assistant()).isEqualTo("tea");
        assertThat(StarterSkill.FIRST_WORD_TWICE.exchange(List.of("red", "cat", "tea")).assistant()).isEqualTo("red red");
    }

    @Test
    void everyGeneratedWordIsInTheVocabulary() {
        Set<String> vocab = new HashSet<>(StarterVocabulary.tokens());
        for (Exchange e : StarterCorpus.generate(500, 5)) {
            for (String word : (e.user() + " " + e.assistant()).split(" ")) {
                assertThat(vocab).as("%s", e).contains(word);
            }
        }
        for (Exchange e : StarterSkill.LAST_WORD.generate(1).train()) {
            for (String word : e.user().split(" ")) {
                assertThat(vocab).contains(word);
            }
        }
    }
}
