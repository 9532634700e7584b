package dev.whetstone.app;

import dev.whetstone.app.datasets.SampleData;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.LearningRateSchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Datasets in the golden model's vocabulary for the screenshots: one with typical problems, one clean. */
final class ScreenshotData {
    private ScreenshotData() {
    }

    static Path supportChat(Path file) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            rows.add(chat("w" + (30 + i) + " w31 w32 w33", "w" + (60 + i) + " w61 w62"));
        }
        rows.add(2, "{\"messages\": [{\"role\": \"system\", \"content\": \"w9 w10\"}, {\"role\": \"user\", \"content\": \"w30 w31 w32 w33\"},"
                + " {\"role\": \"assistant\", \"content\": \"w70 w71 w72 w73 w74 w75 w76 w77 w78 w79 w80 w81 w82 w83 w84 w85 w86 w87 w88 w89 w90 w91 w92 w93 w94 w95\"}]}");
        rows.add(5, SampleData.BROKEN);
        rows.add(8, SampleData.ENDS_WITH_USER);
        rows.add(9, chat("w31 w32 w33", ""));
        rows.add(11, rows.get(3));
        return SampleData.write(file, rows.toArray(String[]::new));
    }

    static Path clean(Path file) {
        return SampleData.clean(file);
    }

    /** Two finished 40-step runs on the tiny model that differ in learning rate and LoRA rank, for Runs → Compare. */
    static void twoFinishedRuns(Path home) {
        Path data = TinyRun.dataset(home.resolve("data/chat.jsonl"), 24);
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            TinyRun.start(service, home, TinyRun.config("lr-1e-2-rank-4", data, 40)).completion().join();
            TinyRun.start(service, home, TinyRun.config("lr-3e-3-rank-8", data, 40).withLora(LoraConfig.ofRank(8))
                    .withOptimizer(LearningRateSchedule.cosine(1), AdamParams.defaults().withLearningRate(3e-3)
                            .withGradClipNorm(1.0))).completion().join();
        }
    }

    private static String chat(String user, String assistant) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + user + "\"}, {\"role\": \"assistant\", \"content\": \""
                + assistant + "\"}]}";
    }
}
