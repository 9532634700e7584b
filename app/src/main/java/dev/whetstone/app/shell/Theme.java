package dev.whetstone.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.whetstone.app.settings.AppSettings;

/**
 * The app's look: AtlantaFX's Primer Light or Primer Dark. Every colour on screen comes from the theme's
 * looked-up colours, the canvas charts' too ({@code fx.CanvasColors}), so switching the theme recolours all.
 */
public enum Theme {
    LIGHT(AppSettings.LIGHT, new PrimerLight().getUserAgentStylesheet()),
    DARK(AppSettings.DARK, new PrimerDark().getUserAgentStylesheet());

    private final String settingName;
    private final String stylesheet;

    Theme(String settingName, String stylesheet) {
        this.settingName = settingName;
        this.stylesheet = stylesheet;
    }

    /** The user-agent stylesheet to set with {@code Application.setUserAgentStylesheet}. */
    public String stylesheet() {
        return stylesheet;
    }

    /** How the settings file writes it: {@code "light"} or {@code "dark"}. */
    public String settingName() {
        return settingName;
    }

    /** The theme a settings file names; light for anything else. */
    public static Theme of(String settingName) {
        return DARK.settingName.equals(settingName) ? DARK : LIGHT;
    }
}
