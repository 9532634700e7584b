package dev.whetstone.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's commands without a stage: load with a broken line, edit, undo / redo, search, split, save. */
class DatasetEditorViewModelTest {
    @TempDir
    Path tmp;

    private DatasetEditorViewModel opened() {
        DatasetEditorViewModel editor = new DatasetEditorViewModel(InlineExecutor.background());
        Path file = SampleData.write(tmp.resolve("d.jsonl"), SampleData.ROW_1, SampleData.BROKEN, SampleData.ROW_2);
        assertThat(editor.open(file, DatasetFormat.CHAT_MESSAGES, null)).isCompleted();
        return editor;
    }

    @Test
    void aBrokenLineIsListedAsAnErrorRowAndTheRestLoad() {
        DatasetEditorViewModel editor = opened();
        assertThat(editor.rows()).hasSize(3);
        assertThat(editor.rows().get(1).isBroken()).isTrue();
        assertThat(editor.rows().get(1).problem()).contains("d.jsonl:2");
        assertThat(editor.rows().get(2).messages()).hasSize(3);
        assertThat(editor.messageIsError().get()).isTrue();
        assertThat(editor.message().get()).contains("2 rows read").contains("1 line could not be read");
        assertThat(editor.progress().get()).isEqualTo(1.0);
    }

    @Test
    void anEditIsUndoneAndRedone() {
        DatasetEditorViewModel editor = opened();
        DatasetRow before = editor.selected().get();
        DatasetRow after = DatasetRow.conversation(List.of(ChatMessage.user("w1"), ChatMessage.assistant("w99")));
        editor.replaceSelected(after);
        assertThat(editor.rows().get(0)).isEqualTo(after);
        assertThat(editor.dirty().get()).isTrue();
        editor.undo();
        assertThat(editor.rows().get(0)).isEqualTo(before);
        assertThat(editor.canRedo().get()).isTrue();
        editor.redo();
        assertThat(editor.rows().get(0)).isEqualTo(after);
    }

    @Test
    void addDuplicateAndDeleteAreUndoable() {
        DatasetEditorViewModel editor = opened();
        editor.add();
        assertThat(editor.rows()).hasSize(4);
        assertThat(editor.rows().get(1)).isEqualTo(DatasetRow.blank());
        editor.duplicateSelected();
        assertThat(editor.rows()).hasSize(5);
        editor.deleteSelected();
        editor.deleteSelected();
        assertThat(editor.rows()).hasSize(3);
        editor.undo();
        editor.undo();
        editor.undo();
        editor.undo();
        assertThat(editor.rows()).hasSize(3);
        assertThat(editor.canUndo().get()).isFalse();
    }

    @Test
    void searchShowsMatchingRowsOnly() {
        DatasetEditorViewModel editor = opened();
        editor.search().set("W8");
        assertThat(editor.shownRows()).hasSize(1).first().isSameAs(editor.rows().get(2));
        editor.search().set("");
        assertThat(editor.shownRows()).hasSize(3);
    }

    @Test
    void theValidationShareIsLimitedToHalf() {
        DatasetEditorViewModel editor = opened();
        assertThat(editor.setValidationFraction(0.2)).isTrue();
        assertThat(editor.setValidationFraction(0.7)).isFalse();
        assertThat(editor.validationFraction().get()).isEqualTo(0.2);
        assertThat(editor.message().get()).contains("between 0 and 50%");
    }

    @Test
    void saveKeepsTheBrokenLineAsWritten() throws IOException {
        DatasetEditorViewModel editor = opened();
        editor.deleteSelected();
        assertThat(editor.save()).isCompleted();
        List<String> lines = Files.readAllLines(tmp.resolve("d.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(SampleData.BROKEN);
        assertThat(lines.get(1)).contains("\"messages\"").contains("w8 w10 w11");
        assertThat(editor.dirty().get()).isFalse();
    }

    @Test
    void aLintFindingSelectsItsRowEvenWhenASearchHidesIt() {
        DatasetEditorViewModel editor = opened();
        editor.search().set("w8");
        editor.selectRowNumber(1);
        assertThat(editor.search().get()).isEmpty();
        assertThat(editor.selected().get()).isSameAs(editor.rows().get(0));
    }
}
