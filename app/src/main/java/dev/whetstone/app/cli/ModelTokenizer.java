package dev.whetstone.app.cli;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.tokenizer.HfTokenizer;

/** A base model's tokenizer alone, without loading its weights (for lint and data preparation). */
final class ModelTokenizer {
    private ModelTokenizer() {
    }

    static HfTokenizer load(String model, EngineOptions options) {
        return HfTokenizer.load(ModelLocator.resolve(model, options.home()), model);
    }
}
