package dev.whetstone.app.shell;

import java.util.Optional;

/**
 * The panes of the main window, in navigation order; {@code Ctrl+1} … {@code Ctrl+7} go to them. A pane
 * that is not built yet says what it will hold and which issue brings it.
 */
public enum Place {
    HOME("Home", "Start here: the environment, recent runs, and the starter model.", 0),
    MODELS("Models", "Base models: local folders, the Hugging Face cache, memory estimates for LoRA.", 0),
    DATASETS("Datasets", "The dataset library and editor: import JSONL (messages), Alpaca, ShareGPT, CSV with"
            + " column mapping and plain text; a table with undo and redo; the token and loss-mask inspector; the"
            + " lint panel.", 0),
    TRAIN("Train", "The guided run: model → data (lint summary) → method and hyperparameters → review"
            + " (memory and time estimates, the run card) → start.", 0),
    RUNS("Runs", "Run history with loss sparklines; overlay curves and diff configs; resume, extend or"
            + " duplicate a run; the live run dashboard.", 0),
    CHECKPOINTS("Checkpoints", "Checkpoints per run: sample, resume, export a PEFT adapter, merge into a full"
            + " model, set the expiry, delete.", 0),
    PLAYGROUND("Playground", "Sample from the base model or any checkpoint: chat or raw prompt, streaming,"
            + " a per-token logprob heatmap, A/B compare of two checkpoints.", 0);

    private final String title;
    private final String purpose;
    private final int comingWithIssue;

    Place(String title, String purpose, int comingWithIssue) {
        this.title = title;
        this.purpose = purpose;
        this.comingWithIssue = comingWithIssue;
    }

    /** The name in the navigation. */
    public String title() {
        return title;
    }

    /** What the pane holds (or will hold). */
    public String purpose() {
        return purpose;
    }

    /** The issue that builds this pane, or empty if it is built. */
    public Optional<Integer> comingWithIssue() {
        return comingWithIssue == 0 ? Optional.empty() : Optional.of(comingWithIssue);
    }

    /** The keyboard shortcut that shows this pane, e.g. {@code "Ctrl+2"} for Models. */
    public String shortcut() {
        return "Ctrl+" + (ordinal() + 1);
    }

    /** The pane for shortcut digit {@code digit} (1 = Home), or empty outside 1…7. */
    public static Optional<Place> ofDigit(int digit) {
        return digit >= 1 && digit <= values().length ? Optional.of(values()[digit - 1]) : Optional.empty();
    }

    /** The constant named {@code name}, or Home for an unknown or missing name (an old settings file). */
    public static Place parse(String name) {
        for (Place place : values()) {
            if (place.name().equals(name)) {
                return place;
            }
        }
        return HOME;
    }
}
