package dev.whetstone.engine.wire;

/**
 * Whetstone's additions to Tinker's protocol, carried in fields the protocol already has, so hosted Tinker and
 * the SDK ignore them: {@code user_metadata} keys on {@code create_model} that ask our server for a training run
 * under a given run id (the run supervisor's folder) and for full fine-tuning instead of LoRA.
 */
public final class WhetstoneExtensions {
    /** {@code user_metadata} key: the run id to record the new model under. */
    public static final String RUN_ID = "whetstone_run_id";
    /** {@code user_metadata} key, value {@code "true"}: train every weight (no LoRA). */
    public static final String FULL_FINE_TUNING = "whetstone_full_fine_tuning";

    private WhetstoneExtensions() {
    }
}
