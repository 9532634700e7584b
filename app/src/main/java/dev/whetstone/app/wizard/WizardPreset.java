package dev.whetstone.app.wizard;

import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The config the wizard starts from for a model and dataset pair, when that pair has one of its own (the
 * starter model on a starter skill); otherwise the wizard uses {@link TrainingConfig#defaults}.
 *
 * <p>Example: {@code preset.presetFor(modelFolder, trainFile).ifPresent(wizard::use)}
 */
@FunctionalInterface
public interface WizardPreset {
    /** No pair has a preset. */
    WizardPreset NONE = (model, dataset) -> Optional.empty();

    /** The preset for {@code model} (a model folder) trained on {@code dataset}, if there is one. */
    Optional<TrainingConfig> presetFor(Path model, Path dataset);
}
