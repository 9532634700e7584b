package dev.whetstone.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.data.DatasetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library and the two-step import, without a stage. */
class DatasetsViewModelTest {
    @TempDir
    Path tmp;

    private DatasetsViewModel datasets() {
        return new DatasetsViewModel(InlineExecutor.background(), new DatasetLibrary(tmp.resolve("home")),
                new DatasetEditorViewModel(InlineExecutor.background()));
    }

    @Test
    void importShowsTheDetectedFormatAndItsReasonThenSavesIntoTheLibrary() {
        DatasetsViewModel datasets = datasets();
        Path source = SampleData.write(tmp.resolve("in/chat.jsonl"), SampleData.ROW_1, SampleData.BROKEN);
        datasets.detect(source);
        assertThat(datasets.plan().get().detection().format()).isEqualTo(DatasetFormat.CHAT_MESSAGES);
        assertThat(datasets.editor().message().get()).startsWith("Detected chat messages: ").contains("messages");
        assertThat(datasets.confirmImport()).isCompleted();
        Path saved = tmp.resolve("home/datasets/chat.jsonl");
        assertThat(datasets.datasets()).containsExactly(saved);
        assertThat(datasets.selected().get()).isEqualTo(saved);
        assertThat(datasets.editor().rows()).hasSize(2);
        assertThat(Files.exists(saved)).isTrue();
    }

    @Test
    void aCsvNeedsItsColumnsBeforeImport() {
        DatasetsViewModel datasets = datasets();
        Path csv = SampleData.write(tmp.resolve("qa.csv"), "q,a,note", "w1 w2,w3,x", "w4,w5,y");
        datasets.detect(csv);
        assertThat(datasets.plan().get().isCsv()).isTrue();
        assertThat(datasets.plan().get().csvHeader()).containsExactly("q", "a", "note");
        datasets.confirmImport();
        assertThat(datasets.editor().message().get()).contains("Choose the prompt and completion columns");
        datasets.promptColumn().set("q");
        datasets.completionColumn().set("a");
        datasets.confirmImport();
        assertThat(datasets.editor().rows()).hasSize(2);
        assertThat(datasets.editor().rows().get(0).reply()).isEqualTo("w3");
        assertThat(datasets.datasets()).extracting(p -> p.getFileName().toString()).containsExactly("qa.jsonl");
    }

    @Test
    void aSecondImportOfTheSameNameGetsAFreeName() {
        DatasetsViewModel datasets = datasets();
        Path source = SampleData.write(tmp.resolve("chat.jsonl"), SampleData.ROW_1);
        datasets.detect(source);
        datasets.confirmImport();
        datasets.detect(source);
        datasets.confirmImport();
        assertThat(datasets.datasets()).extracting(p -> p.getFileName().toString()).containsExactly("chat-2.jsonl", "chat.jsonl");
    }
}
