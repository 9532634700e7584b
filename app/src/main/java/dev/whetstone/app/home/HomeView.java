package dev.whetstone.app.home;

import atlantafx.base.controls.Card;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.whetstone.engine.TrainingRun;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Home pane: the starter card, environment status with advice, and recent runs. */
public final class HomeView extends ScrollPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final HomeViewModel model;
    private final VBox environmentBody;
    private final VBox checks = new VBox(10);
    private final VBox runs = new VBox(8);

    /** Home bound to {@code model}. */
    public HomeView(HomeViewModel model) {
        this.model = model;
        Label title = new Label("Welcome to Whetstone");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Fine-tune open language models on this machine, and see exactly what is trained.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        Label engineHome = new Label(model.engineHomeLine());
        engineHome.setTooltip(new Tooltip("Runs, checkpoints and models live here; WHETSTONE_HOME or --home moves it."));
        engineHome.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        environmentBody = new VBox(12, checks, engineHome);
        Card environment = card("Environment", environmentBody);
        environment.setId("home-environment");
        Card recent = card("Recent runs", runs);
        recent.setId("home-runs");
        HBox.setHgrow(environment, Priority.ALWAYS);
        HBox.setHgrow(recent, Priority.ALWAYS);
        environment.setPrefWidth(520);
        recent.setPrefWidth(420);
        HBox columns = new HBox(16, environment, recent);

        VBox page = new VBox(16, title, subtitle, starter(), columns);
        page.setPadding(new Insets(24));
        setContent(page);
        setFitToWidth(true);
        getStyleClass().add(Tweaks.EDGE_TO_EDGE);

        model.checks().addListener((ListChangeListener<EnvironmentCheck>) c -> showChecks());
        model.recentRuns().addListener((ListChangeListener<TrainingRun>) c -> showRuns());
        model.runsMessage().addListener((obs, old, now) -> showRuns());
        showChecks();
        showRuns();
    }

    /** Adds a "Use an NVIDIA GPU…" link under the environment checks that runs {@code showGuide}. */
    public void onGpuGuide(Runnable showGuide) {
        Hyperlink link = new Hyperlink("Use an NVIDIA GPU…");
        link.setId("home-gpu-guide");
        link.setOnAction(event -> showGuide.run());
        environmentBody.getChildren().add(link);
    }

    private Card starter() {
        Button start = new Button("Fine-tune the starter");
        start.setId("home-starter");
        start.getStyleClass().add(Styles.ACCENT);
        start.setMinWidth(Region.USE_PREF_SIZE);
        start.setDisable(!model.starterAvailable());
        start.setOnAction(e -> model.fineTuneStarter());
        Label note = new Label(model.starterNote());
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        Label next = new Label("The button opens the training wizard with the starter model and its dataset chosen. For"
                + " your own model, pick it in Models (Ctrl+2) and your data in Datasets (Ctrl+3).");
        next.setWrapText(true);
        Button dpo = new Button("Preference-tune it (DPO)");
        dpo.setId("home-starter-dpo");
        dpo.setMinWidth(Region.USE_PREF_SIZE);
        dpo.setDisable(!model.starterAvailable());
        dpo.setOnAction(e -> model.preferenceTuneStarter());
        dpo.setTooltip(new Tooltip("The wizard on preference pairs made from the same skill: the right reply chosen, a wrong one"
                + " rejected"));
        VBox body = new VBox(10, note, next, new HBox(8, start, dpo));
        return card("Start here", body);
    }

    private void showChecks() {
        checks.getChildren().clear();
        for (EnvironmentCheck check : model.checks()) {
            checks.getChildren().add(new CheckRow(check));
        }
    }

    private void showRuns() {
        runs.getChildren().clear();
        for (TrainingRun run : model.recentRuns()) {
            Label id = new Label(run.trainingRunId());
            id.getStyleClass().add(Styles.TEXT_BOLD);
            Label detail = new Label(shortName(run.baseModel()) + (run.loraRank() == null ? "" : " · LoRA rank "
                    + run.loraRank()) + " · " + WHEN.format(run.lastRequestTime()));
            detail.setWrapText(true);
            detail.setTooltip(new Tooltip(run.baseModel()));
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            runs.getChildren().add(new VBox(2, id, detail));
        }
        if (!model.runsMessage().get().isEmpty()) {
            Label message = new Label(model.runsMessage().get());
            message.setId("home-runs-message");
            message.setWrapText(true);
            message.getStyleClass().add(Styles.TEXT_MUTED);
            runs.getChildren().add(message);
        }
    }

    /** A model folder's last name ("Qwen3-0.6B"); a repo id stays as it is. */
    private static String shortName(String baseModel) {
        if (!baseModel.contains(java.io.File.separator) || baseModel.matches("[^/]+/[^/]+")) {
            return baseModel;
        }
        Path path = Path.of(baseModel).getFileName();
        return path == null ? baseModel : path.toString();
    }

    private static Card card(String heading, javafx.scene.Node body) {
        Card card = new Card();
        Label header = new Label(heading);
        header.getStyleClass().add(Styles.TITLE_4);
        card.setHeader(header);
        card.setBody(body);
        return card;
    }
}
