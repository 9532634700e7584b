package dev.whetstone.app.fx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The colours a canvas draws with, taken from the theme: each {@link Role} is a CSS property
 * ({@code -ws-text}, {@code -ws-series-0}, …) that {@code whetstone.css} sets from the theme's looked-up
 * colours ({@code -color-fg-muted}, {@code -color-accent-emphasis}, …). A chart region declares them in
 * its {@code getCssMetaData()}; when the theme changes, CSS sets new colours and the chart redraws.
 *
 * <p>Example: {@code colors = new CanvasColors(this, this::redraw); g.setStroke(colors.get(Role.GRID));}
 */
public final class CanvasColors {

    /** A region that draws with these colours. */
    public interface Owner extends Styleable {
        CanvasColors canvasColors();
    }

    /** What a colour is for, its CSS property and its colour before CSS is applied (Primer Light's). */
    public enum Role {
        FOREGROUND("-ws-foreground", "#1f2328"),
        TEXT("-ws-text", "#57606a"),
        GRID("-ws-grid", "#d8dee4"),
        BACKGROUND("-ws-background", "#ffffff"),
        SERIES_0("-ws-series-0", "#0969da"),
        SERIES_1("-ws-series-1", "#bc4c00"),
        SERIES_2("-ws-series-2", "#1a7f37"),
        DANGER("-ws-danger", "#cf222e");

        private final String property;
        private final Color initial;
        private final CssMetaData<Styleable, Color> meta;

        Role(String property, String initial) {
            this.property = property;
            this.initial = Color.web(initial);
            this.meta = new CssMetaData<>(property, StyleConverter.getColorConverter(), this.initial) {
                @Override
                public boolean isSettable(Styleable styleable) {
                    return styleable instanceof Owner owner && !owner.canvasColors().colors.get(Role.this).isBound();
                }

                @Override
                public StyleableProperty<Color> getStyleableProperty(Styleable styleable) {
                    return owner(styleable).colors.get(Role.this);
                }
            };
        }

        /** The CSS property, e.g. {@code -ws-series-0}. */
        public String property() {
            return property;
        }

        private static CanvasColors owner(Styleable styleable) {
            return ((Owner) styleable).canvasColors();
        }
    }

    private static final List<CssMetaData<? extends Styleable, ?>> META;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        for (Role role : Role.values()) {
            all.add(role.meta);
        }
        META = Collections.unmodifiableList(all);
    }

    private final Map<Role, SimpleStyleableObjectProperty<Color>> colors = new EnumMap<>(Role.class);

    /** The colours of {@code owner}; {@code redraw} runs whenever one changes. */
    public CanvasColors(Owner owner, Runnable redraw) {
        for (Role role : Role.values()) {
            SimpleStyleableObjectProperty<Color> color = new SimpleStyleableObjectProperty<>(role.meta, owner,
                    role.property, role.initial);
            color.addListener((obs, old, now) -> redraw.run());
            colors.put(role, color);
        }
    }

    /** The colour of {@code role} now. */
    public Color get(Role role) {
        return colors.get(role).get();
    }

    /** The colour of {@code role} as a property (to bind a legend mark's fill to). */
    public ObjectProperty<Color> property(Role role) {
        return colors.get(role);
    }

    /** A series colour: {@code SERIES_0}, {@code SERIES_1}, {@code SERIES_2}, then round again. */
    public Color series(int index) {
        Role[] series = {Role.SERIES_0, Role.SERIES_1, Role.SERIES_2};
        return get(series[index % series.length]);
    }

    /** Region's CSS properties and these colours: what an owner's {@code getCssMetaData()} returns. */
    public static List<CssMetaData<? extends Styleable, ?>> cssMetaData() {
        return META;
    }

    /** {@code from} blended toward {@code to} by {@code share} in [0, 1]. */
    public static Color blend(Color from, Color to, double share) {
        return from.interpolate(to, Math.max(0, Math.min(1, share)));
    }
}
