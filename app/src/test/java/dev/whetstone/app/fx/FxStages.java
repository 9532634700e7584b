package dev.whetstone.app.fx;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * A test's stage: TestFX's primary stage registered before each test (and before the test's own
 * {@code @BeforeEach}), every stage the test opened closed after it (after its own {@code @AfterEach}).
 *
 * <p>{@code @ExtendWith(FxStages.class) class MyPaneTest { ... FxToolkit.setupStage(stage -> ...) ... }}
 */
public final class FxStages implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        FxToolkit.cleanupStages();
    }
}
