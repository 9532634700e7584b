package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DesktopDisplayTest {

    @Test
    void linuxNeedsAnXOrWaylandDisplay() {
        assertThat(DesktopDisplay.available(Map.of(), "Linux", false)).isFalse();
        assertThat(DesktopDisplay.available(Map.of("DISPLAY", ":0"), "Linux", false)).isTrue();
        assertThat(DesktopDisplay.available(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", false)).isTrue();
    }

    @Test
    void macAndWindowsAlwaysHaveOneUnlessHeadless() {
        assertThat(DesktopDisplay.available(Map.of(), "Mac OS X", false)).isTrue();
        assertThat(DesktopDisplay.available(Map.of(), "Windows 11", false)).isTrue();
        assertThat(DesktopDisplay.available(Map.of("DISPLAY", ":0"), "Linux", true)).isFalse();
    }
}
