package dev.whetstone.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.FxStages;
import dev.whetstone.app.settings.SettingsFile;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's first frame needs only the pane it shows: {@link ShellView} builds a pane when it is first shown,
 * and {@link ShellView#buildTheRest()} builds the others, each once, one per FX pulse.
 */
@ExtendWith(FxStages.class)
class ShellViewLazyPanesTest {
    @TempDir
    Path home;

    @Test
    void buildsTheShownPaneFirstAnotherOnNavigationAndTheRestOnceWhenAsked() throws Exception {
        List<Place> builds = new CopyOnWriteArrayList<>();
        Map<Place, Supplier<Node>> makers = new EnumMap<>(Place.class);
        for (Place place : Place.values()) {
            makers.put(place, () -> {
                builds.add(place);
                return new Label(place.title());
            });
        }
        ShellViewModel model = new ShellViewModel(SettingsFile.under(home));
        model.navigate(Place.RUNS);   // remembered from the last session

        ShellView view = WaitForAsyncUtils.asyncFx(() -> new ShellView(model, makers, new Label("status")))
                .get(30, TimeUnit.SECONDS);
        assertThat(builds).containsExactly(Place.RUNS);

        WaitForAsyncUtils.asyncFx(() -> model.navigate(Place.MODELS)).get(30, TimeUnit.SECONDS);
        assertThat(builds).containsExactly(Place.RUNS, Place.MODELS);
        assertThat(view.built(Place.MODELS)).isTrue();
        assertThat(view.built(Place.PLAYGROUND)).isFalse();

        WaitForAsyncUtils.asyncFx(view::buildTheRest).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> builds.size() == Place.values().length);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(builds).containsExactlyInAnyOrder(Place.values());
        for (Place place : Place.values()) {
            assertThat(view.built(place)).as(place.name()).isTrue();
        }

        WaitForAsyncUtils.asyncFx(() -> model.navigate(Place.RUNS)).get(30, TimeUnit.SECONDS);
        assertThat(builds).hasSize(Place.values().length);   // shown again, not built again
    }
}
