package dev.whetstone.app.playground;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import dev.whetstone.app.fx.ShortcutsPastPickers;
import org.controlsfx.control.SearchableComboBox;

/**
 * The Playground pane: prompt and settings on top, then side A and (optional) side B, each with a searchable
 * picker of models and checkpoints (ControlsFX's {@link SearchableComboBox}) and its heatmap.
 */
public final class PlaygroundView extends VBox {
    private final PlaygroundViewModel model;
    private final Spinner<Double> temperature = new Spinner<>(0.0, 2.0, 0.7, 0.1);
    private final Spinner<Double> topP = new Spinner<>(0.05, 1.0, 0.95, 0.05);
    private final Spinner<Integer> topK = new Spinner<>(0, 1000, 0);
    // 0 is "no limit but the model's context": the heatmap draws any length without a node per token
    private final Spinner<Integer> maxTokens = new Spinner<>(0, 1 << 20, 64);
    {
        maxTokens.setId("playground-max-tokens");
        temperature.setId("playground-temperature");
    }
    private final Spinner<Integer> samples = new Spinner<>(1, 8, 1);
    private final TextField stops = new TextField();
    private final TextField seed = new TextField("1");

    public PlaygroundView(PlaygroundViewModel model) {
        super(10);
        this.model = model;
        setPadding(new Insets(12));
        Label title = new Label("Playground");
        title.getStyleClass().add(Styles.TITLE_3);
        TextArea prompt = new TextArea();
        prompt.setId("playground-prompt");
        prompt.setPromptText("Prompt (with Chat on: the user's message)");
        prompt.setPrefRowCount(3);
        prompt.textProperty().bindBidirectional(model.prompt());
        HBox sides = new HBox(10, side("A", model.a(), "playground-a"), side("B (compare)", model.b(), "playground-b"));
        VBox.setVgrow(sides, Priority.ALWAYS);
        getChildren().addAll(title, prompt, settings(), sides);
    }

    private HBox settings() {
        CheckBox chat = new CheckBox("Chat (template)");
        chat.selectedProperty().bindBidirectional(model.chat());
        for (Spinner<?> s : new Spinner<?>[] {temperature, topP, topK, maxTokens, samples}) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        stops.setPromptText("stop, strings");
        stops.setPrefWidth(110);
        seed.setPrefWidth(70);
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(2);
        String[] names = {"temperature", "top-p", "top-k", "max tokens", "samples", "stop strings", "seed"};
        javafx.scene.Node[] fields = {temperature, topP, topK, maxTokens, samples, stops, seed};
        for (int i = 0; i < names.length; i++) {
            if (fields[i].getId() == null) {
                fields[i].setId("playground-" + names[i].replace(' ', '-'));
            }
            Label l = new Label(names[i]);
            l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            grid.add(l, i, 0);
            grid.add(fields[i], i, 1);
        }
        Button generate = new Button("Generate");
        generate.setId("playground-generate");
        generate.getStyleClass().add(Styles.ACCENT);
        generate.disableProperty().bind(model.running());
        generate.setOnAction(e -> {
            model.settings().set(current());
            model.generate();
        });
        Button stop = new Button("Stop");
        stop.setId("playground-stop");
        stop.disableProperty().bind(model.running().not());
        stop.setOnAction(e -> model.stop());
        HBox row = new HBox(10, chat, grid, generate, stop);
        row.setAlignment(Pos.BOTTOM_LEFT);
        return row;
    }

    private void chooseFolder(SampleSide side) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a model folder or a PEFT adapter folder");
        java.io.File chosen = chooser.showDialog(getScene().getWindow());
        if (chosen != null) {
            model.offer(chosen.getPath());
            side.model().set(chosen.getPath());
        }
    }

    private SampleSettings current() {
        String s = seed.getText().strip();
        return new SampleSettings(temperature.getValue(), topP.getValue(), topK.getValue(), maxTokens.getValue(),
                stops.getText(), s.isEmpty() ? null : Long.parseLong(s), samples.getValue());
    }

    private VBox side(String name, SampleSide side, String id) {
        SearchableComboBox<String> models = new SearchableComboBox<>(model.choices());
        models.setId(id + "-model");
        models.setMaxWidth(Double.MAX_VALUE);
        models.setPromptText(id.endsWith("b") ? "(none: no comparison)" : "base model or checkpoint: type to search");
        models.valueProperty().bindBidirectional(side.model());
        ShortcutsPastPickers.install(models);
        HBox.setHgrow(models, Priority.ALWAYS);
        Button folder = new Button("Folder…");
        folder.setId(id + "-folder");
        folder.setTooltip(new javafx.scene.control.Tooltip("A model or PEFT adapter folder on disk"));
        folder.setOnAction(e -> chooseFolder(side));
        HBox picker = new HBox(6, models, folder);
        if (id.endsWith("b")) {
            Button none = new Button("None");
            none.setId(id + "-none");
            none.setTooltip(new javafx.scene.control.Tooltip("No comparison: sample side A only"));
            none.setOnAction(e -> side.model().set(""));
            picker.getChildren().add(none);
        }
        Label status = new Label();
        status.setId(id + "-status");
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.textProperty().bind(side.status());
        TokenHeatmap heatmap = new TokenHeatmap(side);
        heatmap.setId(id + "-heatmap");
        heatmap.setPadding(new Insets(6));
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(6, label, picker, status, heatmap);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(400);
        return box;
    }
}
