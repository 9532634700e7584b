package dev.whetstone.app.playground;

import dev.whetstone.app.fx.CanvasColors;
import dev.whetstone.app.fx.CanvasColors.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Streamed tokens as a heatmap, one block of rows per sample: a token's box is the background colour for a
 * sure token, deepening in eight steps to the theme's red as its logprob falls to {@code e^-6}. Drawn on a canvas the size
 * of the view, rows on screen only ({@link HeatmapLayout}), so a sample of tens of thousands of tokens
 * streams without a node per token; the view follows the newest token while it is scrolled to the end.
 * Hovering a token shows its text, id and logprob and (once the sample has ended and they are computed)
 * the model's top alternatives at that position.
 */
public final class TokenHeatmap extends Region implements CanvasColors.Owner {
    private static final Font FONT = Font.font(13);
    private static final double PAD = 6;
    static final int HEAT_LEVELS = 8;
    /** The shortest time between two frames while tokens stream in. */
    static final java.time.Duration FRAME = java.time.Duration.ofMillis(200);

    private final SampleSide side;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final CanvasColors colors = new CanvasColors(this, this::redraw);
    private final Map<String, Double> widths = new HashMap<>();
    private final Text measure = new Text();
    private final HeatmapLayout layout;
    private final Tooltip tip = new Tooltip();
    private TokenPiece hovered;
    private boolean following = true;
    private boolean followingTail;
    private long drawnAt = System.nanoTime() - FRAME.toNanos();
    private final javafx.animation.PauseTransition pending = new javafx.animation.PauseTransition();

    TokenHeatmap(SampleSide side) {
        this.side = side;
        measure.setFont(FONT);
        measure.setText("Ag");
        layout = new HeatmapLayout(this::textWidth, Math.ceil(measure.getLayoutBounds().getHeight()) + 5, 10);
        getStyleClass().add("token-heatmap");
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener((obs, old, now) -> {
            if (!followingTail) {   // the user scrolled: draw at once, and follow again once back at the end
                following = now.doubleValue() >= scroll.getMax() - 1;
                redraw();
            }
        });
        getChildren().addAll(canvas, scroll);
        side.tokens().addListener((ListChangeListener<TokenPiece>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && side.tokens().isEmpty()) {
                    layout.clear();
                    hide();
                }
                change.getAddedSubList().forEach(layout::add);
            }
            contentChanged();
        });
        side.alternatives().addListener((MapChangeListener<Long, List<TokenChoice>>) change -> {
            if (hovered != null && change.wasAdded()
                    && change.getKey() == SampleSide.key(hovered.sequence(), hovered.position())) {
                tip.setText(hovered.describe(change.getValueAdded()));
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hide());
        addEventHandler(ScrollEvent.SCROLL, e -> {
            scroll.setValue(Math.max(0, Math.min(scroll.getMax(), scroll.getValue() - e.getDeltaY())));
            e.consume();
        });
        pending.setOnFinished(e -> redraw());
        tip.setWrapText(true);
        tip.setMaxWidth(420);
    }

    @Override
    public CanvasColors canvasColors() {
        return colors;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CanvasColors.cssMetaData();
    }

    /** Tokens shown. */
    public int tokens() {
        return layout.size();
    }

    /** The tokens shown for sample {@code sequence}, in order. */
    public List<TokenPiece> tokensOf(int sequence) {
        return side.tokens().stream().filter(t -> t.sequence() == sequence).toList();
    }

    /** The text of sample {@code sequence} as streamed. */
    public String text(int sequence) {
        return side.text(sequence);
    }

    /** The hover text, shown when the mouse rests on a token. */
    public Tooltip tooltip() {
        return tip;
    }

    /**
     * Scrolls token {@code position} of sample {@code sequence} into view and returns its centre in this
     * view's coordinates, or null if there is no such token (for tests and screenshots that hover one).
     */
    public Point2D reveal(int sequence, int position) {
        double[] box = layout.boxOf(sequence, position);
        if (box == null) {
            return null;
        }
        double top = box[1] + PAD;
        double viewH = canvas.getHeight();
        if (top < scroll.getValue() || top + layout.rowHeight() > scroll.getValue() + viewH) {
            scroll.setValue(Math.max(0, Math.min(scroll.getMax(), top - viewH / 2)));
        }
        redraw();
        return new Point2D(PAD + box[0] + box[2] / 2, top - scroll.getValue() + layout.rowHeight() / 2);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double barW = scroll.prefWidth(-1);
        scroll.resizeRelocate(w - barW, 0, barW, h);
        canvas.setWidth(Math.max(0, w - barW));
        canvas.setHeight(h);
        layout.width(Math.max(40, canvas.getWidth() - 2 * PAD));
        contentChanged();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 240;
    }

    private double textWidth(String text) {
        return widths.computeIfAbsent(text, t -> {
            measure.setText(t);
            return measure.getLayoutBounds().getWidth();
        });
    }

    /** The scroll range follows the content; while at the end, the view stays at the end. */
    private void contentChanged() {
        double max = Math.max(0, layout.height() + 2 * PAD - canvas.getHeight());
        boolean atEnd = following;
        scroll.setMax(max);
        scroll.setVisibleAmount(canvas.getHeight());
        scroll.setVisible(max > 0);
        if (atEnd) {
            followingTail = true;
            scroll.setValue(max);
            followingTail = false;
        }
        following = atEnd;
        drawSoon();
    }

    /**
     * Redraws now if the last frame is older than {@link #FRAME}, else once that much time has passed: while a
     * long sample streams, the (software) renderer draws at most 5 frames a second, as the live charts do, and the FX thread is free
     * between them.
     */
    private void drawSoon() {
        long now = System.nanoTime();
        if (now - drawnAt >= FRAME.toNanos()) {
            redraw();
        } else if (pending.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            pending.setDuration(javafx.util.Duration.millis(Math.max(1, (FRAME.toNanos() - (now - drawnAt)) / 1e6)));
            pending.playFromStart();
        }
    }

    private void redraw() {
        drawnAt = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double offset = scroll.getValue() - PAD;
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        double rowH = layout.rowHeight();
        var background = colors.get(Role.BACKGROUND);
        var danger = colors.get(Role.DANGER);
        var text = colors.get(Role.FOREGROUND);
        layout.visit(offset, offset + h, (y, row) -> {
            double top = Math.round(y - offset);
            for (int i = 0; i < row.size(); i++) {
                int level = heatLevel(row.piece(i));
                if (level > 0) {   // a sure token is drawn on the background itself
                    g.setFill(CanvasColors.blend(background, danger, 0.8 * level / HEAT_LEVELS));
                    g.fillRect(Math.round(PAD + row.x(i)), top + 1, Math.max(1, Math.round(row.width(i)) - 1), rowH - 2);
                }
            }
            g.setFill(text);
            g.fillText(row.text(), PAD, top + rowH / 2);   // one call a row: the boxes are as wide as the text
        });
    }

    /** The heat in {@value #HEAT_LEVELS} steps, 0 for a token at least e^-0.375 likely. */
    static int heatLevel(TokenPiece piece) {
        return (int) Math.min(HEAT_LEVELS, Math.round(piece.heat() * HEAT_LEVELS));
    }

    private void hover(MouseEvent e) {
        TokenPiece at = layout.at(e.getX() - PAD, e.getY() + scroll.getValue() - PAD);
        if (at == hovered) {
            return;
        }
        hide();
        hovered = at;
        if (at != null) {
            tip.setText(at.describe(side.alternatives(at)));
            tip.show(this, e.getScreenX() + 12, e.getScreenY() + 16);
        }
    }

    private void hide() {
        hovered = null;
        tip.hide();
    }
}
