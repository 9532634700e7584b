package dev.whetstone.app.wizard;

/** The steps of the Train wizard, in order. */
public enum WizardStep {
    MODEL("Model"),
    DATA("Data"),
    METHOD("Method"),
    REVIEW("Review"),
    STARTED("Start");

    private final String title;

    WizardStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
