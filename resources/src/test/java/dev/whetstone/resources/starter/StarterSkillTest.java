package dev.whetstone.resources.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterSkillTest {
    @Test
    void heldOutInputsNeverAppearInTraining() {
        for (StarterSkill skill : StarterSkill.values()) {
            StarterSkill.Splits splits = skill.generate(3);
            Set<String> train = new HashSet<>();
            splits.train().forEach(e -> train.add(e.user()));
            assertThat(splits.heldout()).as(skill.folder()).hasSizeGreaterThanOrEqualTo(StarterSkill.HELDOUT_ROWS)
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
    void corpusAndSkillsUseOnlyTheVocabulary(@TempDir Path dir) throws IOException {
        StarterTokenizerFiles.write(dir, 256);
        List<Exchange> all = new ArrayList<>(StarterCorpus.generate(2000, 5));
        for (StarterSkill skill : StarterSkill.values()) {
            all.addAll(skill.generate(1).train());
            all.addAll(skill.generate(1).heldout());
        }
        int unknown = StarterVocabulary.ids().get(StarterVocabulary.END_OF_TEXT);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir, "starter")) {
            for (Exchange e : all) {
                int[] ids = tokenizer.encode(e.user() + " " + e.assistant());
                assertThat(Arrays.stream(ids).boxed().toList()).as("%s", e).doesNotContain(unknown);
            }
        }
    }
}
