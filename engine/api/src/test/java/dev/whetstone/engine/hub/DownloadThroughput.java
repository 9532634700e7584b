package dev.whetstone.engine.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How fast a download runs when the network is not the limit: a model with one {@code SIZE_MIB} weights file
 * from the loopback hub, downloaded by {@link ModelDownloader} (range GET, write, SHA-256, rename, link), against
 * {@code curl} fetching the same CDN address to a file and {@code sha256sum} hashing it, alternating round by
 * round so both see the same machine load. Not a test; run it by hand:
 * {@code java -Xmx3g -cp <test classpath> dev.whetstone.engine.hub.DownloadThroughput [SIZE_MIB] [ROUNDS]}.
 */
public final class DownloadThroughput {
    private DownloadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] weights = new byte[mib * 1024 * 1024];
        new Random(1).nextBytes(weights);
        Path work = Files.createTempDirectory("hub-throughput");
        List<Double> ours = new ArrayList<>();
        List<Double> curl = new ArrayList<>();
        try (FakeHub hub = FakeHub.start()) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("config.json", "{}".getBytes(StandardCharsets.UTF_8));
            files.put("model.safetensors", weights);
            hub.addRepo("bench/model", files);
            for (int round = 0; round < rounds; round++) {
                Path cache = work.resolve("cache-" + round);
                ModelDownloader downloader = new ModelDownloader(new HubSettings(hub.endpoint(), cache, null, false),
                        HubApi::newHttpClient, 5, Duration.ofSeconds(1), Duration.ofSeconds(30));
                long start = System.nanoTime();
                downloader.fetch(ModelRequest.of("bench/model", null), DownloadListener.NONE);
                ours.add(mib / ((System.nanoTime() - start) / 1e9));
                curl.add(curlAndHash(hub.endpoint(), work.resolve("curl-" + round), mib));
                deleteTree(cache);
                Files.deleteIfExists(work.resolve("curl-" + round));
            }
        }
        System.out.printf("%d MiB, %d rounds, MiB/s: whetstone %s (median %.0f); curl + sha256sum %s (median %.0f)%n", mib, rounds,
                ours, median(ours), curl, median(curl));
        System.out.printf("{\"mib\": %d, \"whetstone_mib_s\": %.1f, \"curl_sha256sum_mib_s\": %.1f, \"ratio\": %.2f}%n", mib,
                median(ours), median(curl), median(ours) / median(curl));
    }

    /** curl follows the hub's redirect to the CDN and writes the file; sha256sum then hashes it. */
    private static double curlAndHash(URI endpoint, Path out, int mib) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run("curl", "-sSfL", "-o", out.toString(), endpoint + "/bench/model/resolve/main/model.safetensors");
        run("sha256sum", out.toString());
        return mib / ((System.nanoTime() - start) / 1e9);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IOException(Arrays.toString(command) + " failed");
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
