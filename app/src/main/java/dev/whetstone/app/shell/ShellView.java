package dev.whetstone.app.shell;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.notify.Notification;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: the menu bar on top, the navigation on the left, the shown pane in the middle
 * under a bar for in-window notifications, the status bar at the bottom. Panes without a view of their own
 * show a {@link PlaceholderView}. The shortcuts ({@code Ctrl+1} … {@code Ctrl+7} and the rest) are the menu
 * bar's accelerators ({@link MainMenu}).
 *
 * <p>A pane is built when it is first shown, or by {@link #buildTheRest()}: the app calls that after the window's
 * first frame, which then needs only the pane it shows (building the other six took the FX thread about 0.3 s on
 * two cores).
 */
public final class ShellView extends BorderPane {
    /** How long an in-window notification stays before it slides away. */
    static final Duration NOTICE_TIME = Duration.seconds(8);

    private final ShellViewModel model;
    private final Map<Place, Supplier<? extends Node>> makers = new EnumMap<>(Place.class);
    private final Map<Place, Node> panes = new EnumMap<>(Place.class);
    private final Map<Place, ToggleButton> buttons = new EnumMap<>(Place.class);
    private final StackPane content = new StackPane();
    private final NotificationPane notices = new NotificationPane(content);
    private final PauseTransition noticeTimer = new PauseTransition(NOTICE_TIME);

    /** A shell showing the panes {@code makers} build (each when first needed) and placeholders elsewhere. */
    public ShellView(ShellViewModel model, Map<Place, ? extends Supplier<? extends Node>> makers, Node statusBar) {
        this.model = model;
        this.makers.putAll(makers);
        getStyleClass().add("shell");
        setLeft(navigation());
        content.getStyleClass().add("shell-content");
        notices.setId("notification-pane");
        notices.setShowFromTop(true);
        noticeTimer.setOnFinished(e -> notices.hide());
        setCenter(notices);
        setBottom(statusBar);
        model.place().addListener((obs, old, place) -> show(place));
        show(model.place().get());
    }

    /** Shows each notification {@code latest} takes, for {@link #NOTICE_TIME} or until closed. */
    public void showNotices(ReadOnlyObjectProperty<Notification> latest) {
        latest.addListener((obs, old, now) -> {
            if (now != null) {
                notices.setText(now.title() + (now.body().isBlank() ? "" : " — " + now.body()));
                notices.show();
                noticeTimer.playFromStart();
            }
        });
    }

    /** The notification bar (tests read what it shows). */
    public NotificationPane notices() {
        return notices;
    }

    private VBox navigation() {
        Label brand = new Label("Whetstone");
        brand.getStyleClass().addAll(Styles.TITLE_3, "shell-brand");
        VBox nav = new VBox(4, brand);
        nav.getStyleClass().add("shell-nav");
        ToggleGroup group = new ToggleGroup();
        for (Place place : Place.values()) {
            ToggleButton button = new ToggleButton(place.title());
            button.setId("nav-" + place.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.getStyleClass().addAll(Styles.FLAT, "shell-nav-button");
            button.setTooltip(new Tooltip(place.title() + " (" + place.shortcut() + ")"));
            button.setOnAction(e -> model.navigate(place));
            buttons.put(place, button);
            nav.getChildren().add(button);
        }
        // a click on the selected button would deselect it; the shown pane always stays selected
        group.selectedToggleProperty().addListener((obs, old, now) -> keepSelected(group, old, now));
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label keys = new Label("Ctrl+1 … Ctrl+7 switch panes");
        keys.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        nav.getChildren().addAll(spacer, keys);
        return nav;
    }

    /** Adds a button at the foot of the navigation that runs {@code action} (Settings), above the shortcut hint. */
    public void addNavigationButton(String text, String id, Runnable action) {
        VBox nav = (VBox) getLeft();
        Button button = new Button(text);
        button.setId(id);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.getStyleClass().addAll(Styles.FLAT, "shell-nav-button");
        button.setOnAction(e -> action.run());
        nav.getChildren().add(nav.getChildren().size() - 1, button);
    }

    private static void keepSelected(ToggleGroup group, Toggle old, Toggle now) {
        if (now == null && old != null) {
            group.selectToggle(old);
        }
    }

    /** Builds the panes not built yet, one per FX pulse (so the window answers in between); on the FX thread. */
    public void buildTheRest() {
        for (Place place : Place.values()) {
            if (!panes.containsKey(place)) {
                pane(place);
                Platform.runLater(this::buildTheRest);
                return;
            }
        }
    }

    /** Whether {@code place}'s pane has been built. */
    boolean built(Place place) {
        return panes.containsKey(place);
    }

    private Node pane(Place place) {
        return panes.computeIfAbsent(place, p -> {
            Supplier<? extends Node> maker = makers.get(p);
            Node pane = maker != null ? maker.get() : new PlaceholderView(p);
            pane.setId("pane-" + p.name().toLowerCase(java.util.Locale.ROOT));
            return pane;
        });
    }

    private void show(Place place) {
        content.getChildren().setAll(pane(place));
        buttons.get(place).setSelected(true);
    }
}
