package dev.whetstone.app.wizard;

import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreferences;
import dev.whetstone.resources.starter.StarterPreset;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The starter model on one of its installed skill datasets starts from {@link StarterPreset}, with the skill's
 * held-out file as the run's exact-match metric: Start with no edits is the run {@code whetstone starter} does. On a
 * skill's preference pairs it starts from the DPO preset, with the held-out pairs scored.
 *
 * <p>Example: {@code new StarterWizardPreset(home).presetFor(starterFolder, wordKindTrainFile)}
 */
public final class StarterWizardPreset implements WizardPreset {
    private final Path home;

    /** Presets for the starter installed under the engine home {@code home}. */
    public StarterWizardPreset(Path home) {
        this.home = home;
    }

    /** Reads no file (the wizard asks on the FX thread); a missing held-out file is reported when the run starts. */
    @Override
    public Optional<TrainingConfig> presetFor(Path model, Path dataset) {
        if (!model.toAbsolutePath().normalize().equals(StarterKit.modelDir(home).toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        Optional<TrainingConfig> sft = StarterKit.skillOf(home, dataset)
                .map(skill -> StarterPreset.config(model.toString(), StarterKit.datasetFiles(home, skill)));
        return sft.isPresent() ? sft : StarterPreferences.skillOf(home, dataset)
                .map(skill -> StarterPreset.dpoConfig(model.toString(), StarterPreferences.files(home, skill)));
    }
}
