package dev.whetstone.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector and lint on the golden tiny model, without a stage. */
class TokenInspectorViewModelTest {
    private final TokenizerCache tokenizers = new TokenizerCache();
    private final ModelEntry tiny = ModelEntry.read("tiny", GoldenModel.FOLDER, ModelSource.LOCAL_FOLDER);
    private final RenderSettingsViewModel settings = new RenderSettingsViewModel(InlineExecutor.background(), tokenizers,
            FXCollections.observableArrayList(tiny));
    private final SimpleObjectProperty<DatasetRow> selection = new SimpleObjectProperty<>();
    private final TokenInspectorViewModel inspector = new TokenInspectorViewModel(InlineExecutor.background(), selection, settings);

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        tokenizers.close();
    }

    @Test
    void onlyTheAssistantTurnAndItsEndOfTurnAreTrained() {
        settings.chooseDefaultModel();
        selection.set(DatasetRow.conversation(List.of(ChatMessage.user("w1 w2 w3"), ChatMessage.assistant("w4 w5"))));
        InspectedRow row = inspector.row().get();
        assertThat(row.text()).isEqualTo("<|im_start|>user\nw1 w2 w3<|im_end|>\n<|im_start|>assistant\nw4 w5<|im_end|>\n");
        String trained = row.chips().stream().filter(TokenChip::trained).map(TokenChip::text).collect(Collectors.joining());
        assertThat(trained).contains("w4").contains("w5").contains("<|im_end|>").doesNotContain("w1").doesNotContain("w3");
        assertThat(row.chips().stream().filter(c -> c.trained() && c.stop())).hasSize(1);
        assertThat(row.trainedTokens()).isEqualTo(row.chips().stream().filter(TokenChip::trained).count());
        assertThat(inspector.message().get()).contains(row.trainedTokens() + " of " + row.totalTokens() + " tokens trained");
    }

    @Test
    void aShortMaxLengthCutsTheReplyAndSaysSo() {
        settings.chooseDefaultModel();
        settings.maxLength().set(6);
        selection.set(DatasetRow.conversation(List.of(ChatMessage.user("w1 w2 w3"), ChatMessage.assistant("w4 w5"))));
        InspectedRow row = inspector.row().get();
        assertThat(row.keptTokens()).isEqualTo(6);
        assertThat(row.trainedTokens()).isZero();
        assertThat(row.chips().get(6).cut()).isTrue();
        assertThat(inspector.message().get()).contains("tokens cut");
    }

    @Test
    void withoutAModelTheInspectorSaysWhatToDo() {
        selection.set(DatasetRow.blank());
        assertThat(inspector.row().get()).isNull();
        assertThat(inspector.message().get()).isEqualTo("Choose a model to see its tokens.");
    }

    @Test
    void lintListsTheBrokenLineAndARowWithoutTrainedTokensAndOpensThem() {
        DatasetEditorViewModel editor = new DatasetEditorViewModel(InlineExecutor.background());
        LintViewModel lint = new LintViewModel(InlineExecutor.background(), editor, settings);
        settings.chooseDefaultModel();
        editor.open(SampleData.write(tmp.resolve("d.jsonl"), SampleData.ROW_1, SampleData.BROKEN, SampleData.ENDS_WITH_USER),
                DatasetFormat.CHAT_MESSAGES, null);
        assertThat(lint.findings()).extracting(LintFinding::rowNumber).contains(2, 3);
        assertThat(lint.blocking()).isTrue();
        assertThat(lint.report().get().histogram().cutoff()).isEqualTo(1024);
        assertThat(lint.summary().get()).contains("errors block a run");
        lint.open(lint.findings().stream().filter(f -> f.rowNumber() == 3).findFirst().orElseThrow());
        assertThat(editor.selected().get()).isSameAs(editor.rows().get(2));
    }
}
