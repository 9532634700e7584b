package dev.whetstone.app.datasets;

import atlantafx.base.theme.Styles;
import dev.whetstone.engine.tokenizer.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The row editor under the table: one role box and text area per chat turn (or one text area for a
 * document), with Add turn, Apply and Revert. A broken line is shown read-only with its problem. Apply
 * hands the edited row to the editor view-model, which makes it undoable.
 */
final class RowEditorView extends VBox {
    private static final List<String> ROLES = List.of("system", "user", "assistant", "tool");

    private final DatasetEditorViewModel model;
    private final VBox turns = new VBox(6);
    private final List<ComboBox<String>> roles = new ArrayList<>();
    private final List<TextArea> contents = new ArrayList<>();
    private final Label heading = new Label();
    private final HBox actions;

    RowEditorView(DatasetEditorViewModel model) {
        super(6);
        this.model = model;
        setPadding(new Insets(8, 0, 0, 0));
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Button addTurn = new Button("Add turn");
        addTurn.setId("row-add-turn");
        addTurn.setOnAction(e -> addTurn(nextRole(), ""));
        Button apply = new Button("Apply");
        apply.setId("row-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> apply());
        Button revert = new Button("Revert");
        revert.setOnAction(e -> show(model.selected().get()));
        actions = new HBox(6, addTurn, apply, revert);
        actions.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(turns);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(new HBox(12, heading), scroll, actions);
        model.selected().addListener((obs, old, now) -> show(now));
        show(model.selected().get());
    }

    private void show(DatasetRow row) {
        turns.getChildren().clear();
        roles.clear();
        contents.clear();
        actions.setDisable(row == null || row.isBroken());
        if (row == null) {
            heading.setText("No row selected");
            return;
        }
        heading.setText("Row " + model.rowNumber(row) + (row.isBroken() ? " · could not be read" : ""));
        if (row.isBroken()) {
            Label problem = new Label(row.problem());
            problem.setWrapText(true);
            problem.getStyleClass().add(Styles.DANGER);
            TextArea raw = area(row.raw());
            raw.setEditable(false);
            turns.getChildren().addAll(problem, raw);
        } else if (row.isConversation()) {
            row.messages().forEach(m -> addTurn(m.role(), m.content()));
        } else {
            addTurn("text", row.text());
        }
    }

    private void addTurn(String role, String content) {
        ComboBox<String> roleBox = new ComboBox<>();
        roleBox.getItems().setAll("text".equals(role) ? List.of("text") : ROLES);
        roleBox.setEditable(!"text".equals(role));
        roleBox.setValue(role);
        roleBox.setPrefWidth(120);
        roleBox.setMinWidth(110);
        TextArea text = area(content);
        text.setId("turn-" + contents.size());
        HBox.setHgrow(text, Priority.ALWAYS);
        roles.add(roleBox);
        contents.add(text);
        turns.getChildren().add(new HBox(6, roleBox, text));
    }

    private static TextArea area(String content) {
        TextArea text = new TextArea(content);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(6, Math.max(1, (int) content.lines().count())));
        return text;
    }

    private String nextRole() {
        return roles.isEmpty() || "assistant".equals(roles.get(roles.size() - 1).getValue()) ? "user" : "assistant";
    }

    private void apply() {
        if (contents.size() == 1 && "text".equals(roles.get(0).getValue())) {
            model.replaceSelected(DatasetRow.document(contents.get(0).getText()));
            return;
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String role = roles.get(i).getValue() == null ? "user" : roles.get(i).getValue().strip();
            messages.add(new ChatMessage(role, contents.get(i).getText()));
        }
        model.replaceSelected(DatasetRow.conversation(messages));
    }
}
