package dev.whetstone.app;

import dev.whetstone.app.datasets.SampleData;
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

    private static String chat(String user, String assistant) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + user + "\"}, {\"role\": \"assistant\", \"content\": \""
                + assistant + "\"}]}";
    }
}
