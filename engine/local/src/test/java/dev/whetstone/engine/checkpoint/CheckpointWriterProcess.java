package dev.whetstone.engine.checkpoint;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import java.nio.file.Path;

/**
 * A separate JVM for {@link CrashDuringCheckpointTest}: saves training checkpoints in a tight loop,
 * printing {@code saved <path>} after each, until it is killed.
 * Arguments: engine home, model folder.
 */
public final class CheckpointWriterProcess {
    /** A large rank makes each checkpoint tens of MB, so a write takes long enough to be caught mid-way. */
    static final int WRITER_RANK = 1024;
    private CheckpointWriterProcess() {
    }

    public static void main(String[] args) {
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(Path.of(args[0])).device("cpu").build());
             TrainingClient client = service.createLoraTrainingClient(args[1], LoraConfig.ofRank(WRITER_RANK).withSeed(1L))) {
            for (int i = 0; ; i++) {
                String path = client.saveState("c" + i).join().path();
                System.out.println("saved " + path);
                System.out.flush();
            }
        }
    }
}
