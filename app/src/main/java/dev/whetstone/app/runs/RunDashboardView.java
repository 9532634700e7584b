package dev.whetstone.app.runs;

import dev.whetstone.app.fx.HumanNames;
import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One run's dashboard: header with status and controls, the divergence banner, progress, four charts
 * (loss raw/smoothed/eval, learning rate, gradient norm, tokens per second), a small held-out exact-match chart
 * when the run scores one, and the event log. A live run's four main charts ({@link LiveChart}, drawn on a
 * canvas) are updated one per pulse ({@link StaggeredCharts}); the exact-match chart has a handful of points
 * and changes only when a score arrives.
 */
public final class RunDashboardView extends VBox {
    private final RunDashboardViewModel model;
    private final LiveChart loss = new LiveChart("Loss", "train", "smoothed", "eval");
    private final LiveChart lr = new LiveChart("Learning rate", "lr");
    private final LiveChart grad = new LiveChart("Gradient norm", "grad norm");
    private final LiveChart speed = new LiveChart("Tokens / s", "tokens/s");
    private final StaggeredCharts<LiveChart> staggered = new StaggeredCharts<>(List.of(loss, lr, grad, speed), List.of(
            (chart, c) -> chart.show(c.loss(), c.smoothedLoss(), c.evalLoss()),
            (chart, c) -> chart.show(c.lr()),
            (chart, c) -> chart.show(c.gradNorm()),
            (chart, c) -> chart.show(c.tokensPerS())));
    private final PlotChart exactMatch = new PlotChart("Held-out exact match", "exact match");
    private final HBox methodRow = new HBox(8);
    private final java.util.List<LiveChart> methodCharts = new java.util.ArrayList<>();
    private List<MethodCharts.Spec> shownMethod = List.of();

    /** A dashboard whose Resume button runs {@code onResume}. */
    public RunDashboardView(RunDashboardViewModel model, Runnable onResume) {
        super(8);
        this.model = model;
        setId("run-dashboard");
        setPadding(new Insets(12));
        getChildren().addAll(header(onResume), banner(), progress(), charts(), log());
        model.charts().addListener((obs, old, now) -> {
            if (model.live().get()) {
                staggered.show(now);
            } else {
                staggered.showNow(now);
            }
            showMethod(now);
        });
        staggered.showNow(model.charts().get());
        showMethod(model.charts().get());
        model.exactMatch().addListener((obs, old, now) -> showExactMatch(now));
        showExactMatch(model.exactMatch().get());
    }

    private HBox header(Runnable onResume) {
        Label title = new Label();
        title.textProperty().bind(model.runId());
        title.getStyleClass().add(Styles.TITLE_3);
        Label status = new Label();
        status.setId("dashboard-status");
        status.textProperty().bind(Bindings.createStringBinding(
                () -> model.status().get() == null ? "" : HumanNames.runStatus(model.status().get()), model.status()));
        status.getStyleClass().addAll(Styles.TEXT_MUTED);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button pause = button("Pause", "dashboard-pause", model::pause);
        Button cont = button("Continue", "dashboard-continue", model::resume);
        Button save = button("Save now", "dashboard-save", model::saveNow);
        Button stopSave = button("Stop and save", "dashboard-stop-save", model::stopAndSave);
        Button stop = button("Stop", "dashboard-stop", model::stop);
        stop.getStyleClass().add(Styles.DANGER);
        for (Button b : new Button[] {pause, cont, save, stopSave, stop}) {
            b.disableProperty().bind(model.live().not());
        }
        // on a narrow pane the run id is elided, never the status or the controls
        status.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : new Button[] {pause, cont, save, stopSave, stop}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Button resume = button("Resume", "dashboard-resume", onResume);
        resume.getStyleClass().add(Styles.ACCENT);
        resume.setMinWidth(Region.USE_PREF_SIZE);
        resume.visibleProperty().bind(Bindings.createBooleanBinding(model::resumable, model.status(), model.live()));
        resume.managedProperty().bind(resume.visibleProperty());
        HBox header = new HBox(8, title, status, gap, resume, pause, cont, save, stopSave, stop);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private Label banner() {
        Label banner = new Label();
        banner.setId("dashboard-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().addAll("dashboard-banner", Styles.DANGER);
        banner.textProperty().bind(model.banner());
        banner.visibleProperty().bind(model.banner().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private HBox progress() {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progress().fraction());
        bar.setPrefWidth(260);
        Label steps = new Label();
        steps.setId("dashboard-steps");
        steps.textProperty().bind(model.progress().steps());
        Label time = new Label();
        time.textProperty().bind(model.progress().time());
        time.getStyleClass().add(Styles.TEXT_MUTED);
        HBox row = new HBox(12, bar, steps, time);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private GridPane charts() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.add(loss, 0, 0);
        grid.add(lr, 1, 0);
        grid.add(grad, 0, 1);
        grid.add(speed, 1, 1);
        for (LiveChart c : new LiveChart[] {loss, lr, grad, speed}) {
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
            c.setMinHeight(150);
            c.setPrefHeight(200);
            c.setPrefWidth(300);
        }
        exactMatch.setId("dashboard-exact-match");
        exactMatch.setPrefHeight(150);
        exactMatch.setMinHeight(110);
        javafx.scene.chart.NumberAxis share = (javafx.scene.chart.NumberAxis) exactMatch.getYAxis();
        share.setAutoRanging(false);
        share.setLowerBound(0);
        share.setUpperBound(1);
        share.setTickUnit(0.25);
        exactMatch.setCreateSymbols(true);   // a handful of points: show each
        exactMatch.managedProperty().bind(exactMatch.visibleProperty());
        grid.add(exactMatch, 0, 2, 2, 1);
        GridPane.setHgrow(exactMatch, Priority.ALWAYS);
        methodRow.setId("dashboard-method-charts");
        methodRow.managedProperty().bind(methodRow.visibleProperty());
        methodRow.setVisible(false);
        grid.add(methodRow, 0, 3, 2, 1);
        GridPane.setHgrow(methodRow, Priority.ALWAYS);
        VBox.setVgrow(grid, Priority.ALWAYS);
        return grid;
    }

    private ListView<String> log() {
        ListView<String> log = new ListView<>(model.events());
        log.setId("dashboard-events");
        log.setPrefHeight(110);
        log.setMinHeight(80);
        log.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> log.scrollTo(log.getItems().size() - 1));
        return log;
    }

    /** DPO's or GRPO's own charts, made when a run with their metrics is shown. */
    private void showMethod(RunCurves.Charts charts) {
        List<MethodCharts.Spec> specs = MethodCharts.of(charts.method());
        if (!specs.equals(shownMethod)) {
            shownMethod = specs;
            methodCharts.clear();
            for (MethodCharts.Spec spec : specs) {
                LiveChart chart = new LiveChart(spec.title(), spec.names().toArray(String[]::new));
                chart.setId(spec.id());
                chart.setMinHeight(150);
                chart.setPrefHeight(180);
                chart.setPrefWidth(300);
                HBox.setHgrow(chart, Priority.ALWAYS);
                methodCharts.add(chart);
            }
            methodRow.getChildren().setAll(methodCharts);
            methodRow.setVisible(!specs.isEmpty());
        }
        for (int i = 0; i < specs.size(); i++) {
            methodCharts.get(i).show(specs.get(i).keys().stream().map(charts::method).toArray(Plot[]::new));
        }
    }

    /** The DPO or GRPO charts shown (none for SFT), for tests. */
    public List<LiveChart> methodCharts() {
        return List.copyOf(methodCharts);
    }

    private void showExactMatch(Plot plot) {
        exactMatch.setVisible(plot.size() > 0);
        exactMatch.show(0, plot);
    }

    /** The held-out exact-match chart (hidden when the run scores none). */
    public PlotChart exactMatchChart() {
        return exactMatch;
    }

    /** The loss chart (tests count its points). */
    public LiveChart lossChart() {
        return loss;
    }
}
