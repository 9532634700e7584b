package dev.whetstone.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.hub.FakeHub.Request;
import dev.whetstone.engine.hub.HubException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback hub that answers as the Hugging Face Hub does, faults included. */
class ModelDownloaderTest {
    private static final String REPO = "tiny-org/tiny-model";
    private static final int WEIGHT_BYTES = 300_000;

    @TempDir
    Path cache;

    private FakeHub hub;
    private String commit;

    @BeforeEach
    void startHub() throws IOException {
        hub = FakeHub.start();
        commit = hub.addRepo(REPO, modelFiles());
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void downloadsOnlyTheModelFilesIntoTheHubCacheLayout() throws Exception {
        DownloadedModel model = download(downloader(5), "main");

        Path repo = cache.resolve("models--tiny-org--tiny-model");
        Path snapshot = repo.resolve("snapshots").resolve(commit);
        assertThat(model.folder()).isEqualTo(snapshot);
        assertThat(model.commit()).isEqualTo(commit);
        assertThat(FakeHub.names(snapshot)).containsExactly("LICENSE", "config.json", "generation_config.json",
                "model.safetensors", "tokenizer.json", "tokenizer_config.json");
        assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(commit);
        byte[] weights = hub.file(REPO, "model.safetensors");
        Path weightLink = snapshot.resolve("model.safetensors");
        assertThat(Files.isSymbolicLink(weightLink)).isTrue();
        assertThat(Files.readSymbolicLink(weightLink).toString()).isEqualTo("../../blobs/" + FakeHub.sha256(weights));
        assertThat(Files.readAllBytes(weightLink)).isEqualTo(weights);
        byte[] config = hub.file(REPO, "config.json");
        assertThat(Files.readSymbolicLink(snapshot.resolve("config.json")).toString())
                .isEqualTo("../../blobs/" + FakeHub.gitBlobId(config));
        assertThat(model.bytesDownloaded()).isEqualTo(model.bytesTotal()).isGreaterThan(WEIGHT_BYTES);
        try (var blobs = Files.list(repo.resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".incomplete"));
        }
        assertThat(hub.requests()).noneMatch(r -> r.path().contains("pytorch_model.bin") || r.path().contains("onnx")
                || r.path().contains("README"));
        assertThat(cache.resolve("CACHEDIR.TAG")).exists();
    }

    @Test
    void aSecondDownloadFindsEverythingInTheCache() throws Exception {
        download(downloader(5), "main");
        int before = hub.requests().size();

        DownloadedModel again = download(downloader(5), "main");

        assertThat(again.bytesDownloaded()).isZero();
        assertThat(hub.requests().subList(before, hub.requests().size())).extracting(Request::path)
                .containsExactly("/api/models/" + REPO + "/revision/main");
    }

    @Test
    void aCutConnectionIsResumedWithARangeRequest() throws Exception {
        hub.cutNextDownloadAfter(100_000);   // the first file fetched from the CDN is the weights

        DownloadedModel model = download(downloader(5), "main");

        assertThat(Files.readAllBytes(model.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
        // as below: the client may see the drop before the last bytes in flight, so it resumes from what arrived
        assertThat(cdnGets()).extracting(Request::range).hasSize(2).first().isNull();
        String resumed = cdnGets().get(1).range();
        assertThat(resumed).matches("bytes=\\d+-");
        assertThat(Long.parseLong(resumed.substring(6, resumed.length() - 1))).isPositive().isLessThanOrEqualTo(100_000);
        assertThat(model.bytesDownloaded()).isEqualTo(model.bytesTotal());
    }

    @Test
    void aPartialFileLeftByAnEarlierRunIsResumed() throws Exception {
        hub.cutNextDownloadAfter(120_000);
        Path partial = blobs().resolve(FakeHub.sha256(hub.file(REPO, "model.safetensors")) + ".incomplete");
        // the server sends 120,000 bytes and drops the connection; on a loaded machine the client can see the drop
        // before the last bytes in flight (114,586 once), so the partial file holds what arrived, at most that
        assertThatThrownBy(() -> download(downloader(0), "main")).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.NETWORK))
                .hasMessageContaining("model.safetensors")
                .satisfies(e -> assertThat(e.getMessage()).contains("resumes from the " + Files.size(partial) + " bytes"));
        long kept = Files.size(partial);
        assertThat(kept).isPositive().isLessThanOrEqualTo(120_000);
        assertThat(cache.resolve("models--tiny-org--tiny-model/refs/main")).doesNotExist();

        DownloadedModel model = download(downloader(0), "main");

        assertThat(Files.readAllBytes(model.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
        assertThat(cdnGets()).extracting(Request::range).containsExactly(null, "bytes=" + kept + "-");
        assertThat(model.bytesDownloaded()).isEqualTo(WEIGHT_BYTES - kept);
    }

    @Test
    void aFileThatFailsItsHashIsDeletedAndNeverLinked() throws Exception {
        hub.corruptEveryDownload();

        assertThatThrownBy(() -> download(downloader(5), "main")).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.HASH_MISMATCH))
                .hasMessageContaining("config.json").hasMessageContaining("expected git blob sha1 "
                        + FakeHub.gitBlobId(hub.file(REPO, "config.json")));

        try (var blobs = Files.list(blobs())) {
            assertThat(blobs).isEmpty();
        }
        assertThat(cache.resolve("models--tiny-org--tiny-model/snapshots")).doesNotExist();
    }

    @Test
    void corruptWeightsAreRefusedWithTheirSha256() throws Exception {
        hub.corruptNextDownloadOf("model.safetensors");

        assertThatThrownBy(() -> download(downloader(5), "main")).isInstanceOf(HubException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("expected sha256 "
                        + FakeHub.sha256(hub.file(REPO, "model.safetensors")));
        assertThat(blobs().resolve(FakeHub.sha256(hub.file(REPO, "model.safetensors")))).doesNotExist();

        DownloadedModel retried = download(downloader(5), "main");   // the hub serves it right this time
        assertThat(Files.readAllBytes(retried.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
    }

    @Test
    void aResumedFileThatFailsItsHashIsFetchedAgainFromTheStart() throws Exception {
        hub.cutNextDownloadAfter(50_000);
        assertThatThrownBy(() -> download(downloader(0), "main")).isInstanceOf(HubException.class);
        Path partial = blobs().resolve(FakeHub.sha256(hub.file(REPO, "model.safetensors")) + ".incomplete");
        byte[] damaged = Files.readAllBytes(partial);
        damaged[10] ^= 1;   // the disk or an older tool damaged the partial file
        Files.write(partial, damaged);

        DownloadedModel model = download(downloader(0), "main");

        assertThat(Files.readAllBytes(model.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
        assertThat(cdnGets()).extracting(Request::range).containsExactly(null, "bytes=" + damaged.length + "-", null);
    }

    @Test
    void cancellingStopsAStalledDownloadAndTheNextOneResumes() throws Exception {
        hub.stallNextDownloadAfter(64_000);
        List<DownloadProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<DownloadedModel> first = downloader(5).download(ModelRequest.of(REPO, null), seen::add);
        hub.awaitStall();
        Path partial = blobs().resolve(FakeHub.sha256(hub.file(REPO, "model.safetensors")) + ".incomplete");
        await(() -> Files.isRegularFile(partial) && size(partial) == 64_000);

        first.cancel(true);

        assertThatThrownBy(first::join).isInstanceOf(CancellationException.class);
        // the cancelled download lets go of the file: the next one takes its lock and continues from byte 64000
        DownloadedModel model = downloader(5).download(ModelRequest.of(REPO, null), DownloadListener.NONE).get(60, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(model.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
        assertThat(cdnGets()).extracting(Request::range).containsExactly(null, "bytes=64000-");
        assertThat(seen).anySatisfy(p -> assertThat(p.file()).isEqualTo("model.safetensors"));
    }

    @Test
    void aStalledConnectionIsDroppedAfterTheReadTimeoutAndResumed() throws Exception {
        hub.stallNextDownloadAfter(80_000);
        ModelDownloader patient = new ModelDownloader(settings(), HubApi::newHttpClient, 5, Duration.ZERO, Duration.ofMillis(400));

        DownloadedModel model = patient.download(ModelRequest.of(REPO, null), DownloadListener.NONE).get(60, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(model.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
        assertThat(cdnGets()).extracting(Request::range).containsExactly(null, "bytes=80000-");
    }

    @Test
    void progressCountsFilesAndBytesUpToTheTotal() throws Exception {
        List<DownloadProgress> seen = new ArrayList<>();
        DownloadedModel model = downloader(5).download(ModelRequest.of(REPO, null), seen::add).get(60, TimeUnit.SECONDS);

        DownloadProgress last = seen.get(seen.size() - 1);
        assertThat(last.status()).isEqualTo("done");
        assertThat(last.filesDone()).isEqualTo(last.filesTotal()).isEqualTo(6);
        assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(model.bytesTotal());
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(seen).extracting(DownloadProgress::bytesDone).isSorted();
        assertThat(seen).anySatisfy(p -> assertThat(p.status()).isEqualTo("checking the hash"));
    }

    @Test
    void aGatedRepoSaysHowToGetAccess() throws Exception {
        hub.gate(REPO, "hf_granted");

        assertThatThrownBy(() -> download(downloader(5), "main")).isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.GATED))
                .satisfies(e -> assertThat(((HubException) e).isBadInput()).isTrue())
                .hasMessageContaining("is a gated model").hasMessageContaining("accept its licence")
                .hasMessageContaining(hub.endpoint() + "/" + REPO).hasMessageContaining("HF_TOKEN");
        assertThatThrownBy(() -> download(downloader(settings().withToken("hf_other")), "main"))
                .hasMessageContaining("no access to it yet").hasMessageContaining("request access");

        DownloadedModel model = download(downloader(settings().withToken("hf_granted")), "main");
        assertThat(model.folder().resolve("model.safetensors")).exists();
    }

    @Test
    void theTokenGoesToTheHubButNeverToTheCdn() throws Exception {
        download(downloader(settings().withToken("hf_secret")), "main");

        assertThat(hub.requests()).filteredOn(r -> r.server().equals("hub")).allSatisfy(r ->
                assertThat(r.authorization()).isEqualTo("Bearer hf_secret"));
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void missingPrivateAndUnknownAnswersNameTheFix() {
        hub.makePrivate(REPO, "hf_owner");
        assertThatThrownBy(() -> download(downloader(5), "main")).hasMessageContaining("was not found")
                .hasMessageContaining("set HF_TOKEN").satisfies(e -> assertThat(((HubException) e).reason())
                        .isEqualTo(Reason.REPO_NOT_FOUND));
        assertThatThrownBy(() -> download(downloader(settings().withToken("hf_owner")), "v9"))
                .hasMessageContaining("has no revision \"v9\"");
        assertThatThrownBy(() -> download(downloader(settings().withToken("hf_invalid")), "main"))
                .satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.UNAUTHORIZED))
                .hasMessageContaining("refused the access token");
        assertThatThrownBy(() -> downloader(5).fetch(ModelRequest.of("nobody/nothing", null), DownloadListener.NONE))
                .hasMessageContaining("nobody/nothing was not found on " + hub.endpoint());
    }

    @Test
    void aRevisionThatIsACommitWritesNoRef() throws Exception {
        DownloadedModel model = download(downloader(5), commit);

        assertThat(model.folder()).isEqualTo(cache.resolve("models--tiny-org--tiny-model/snapshots/" + commit));
        assertThat(cache.resolve("models--tiny-org--tiny-model/refs")).doesNotExist();
        assertThat(downloader(5).cached(ModelRequest.of(REPO, commit))).contains(model.folder());
    }

    @Test
    void aRenamedRepoIsFollowedThroughRelativeRedirects() throws Exception {
        hub.rename("old-org/old-name", REPO);

        DownloadedModel model = download(downloader(5), ModelRequest.of("old-org/old-name", null));

        assertThat(model.folder()).isEqualTo(cache.resolve("models--old-org--old-name/snapshots/" + commit));
        assertThat(Files.readAllBytes(model.folder().resolve("model.safetensors"))).isEqualTo(hub.file(REPO, "model.safetensors"));
    }

    @Test
    void offlineModeUsesTheCacheOrSaysItCannot() throws Exception {
        ModelDownloader offline = downloader(settings().withOffline(true));
        assertThatThrownBy(() -> download(offline, "main")).hasMessageContaining("HF_HUB_OFFLINE is set")
                .satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.OFFLINE));
        assertThat(hub.requests()).isEmpty();

        DownloadedModel online = download(downloader(5), "main");
        int before = hub.requests().size();
        DownloadedModel cached = download(offline, "main");

        assertThat(cached.folder()).isEqualTo(online.folder());
        assertThat(cached.files()).contains("config.json", "model.safetensors");
        assertThat(hub.requests()).hasSize(before);
    }

    @Test
    void shardedWeightsAreTheShardsTheIndexNames() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("model.safetensors.index.json", ("{\"metadata\": {}, \"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\","
                + " \"b\": \"model-00002-of-00002.safetensors\", \"c\": \"model-00001-of-00002.safetensors\"}}")
                .getBytes(StandardCharsets.UTF_8));
        files.put("model-00001-of-00002.safetensors", bytes(1000, 1));
        files.put("model-00002-of-00002.safetensors", bytes(2000, 2));
        files.put("consolidated.safetensors", bytes(3000, 3));   // Mistral's second copy of the weights
        hub.addRepo("org/sharded", files);

        DownloadedModel model = download(downloader(5), ModelRequest.of("org/sharded", null));

        assertThat(FakeHub.names(model.folder())).containsExactly("config.json", "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors", "model.safetensors.index.json");
    }

    @Test
    void aRepoWithoutSafetensorsIsRefusedBeforeAnyDownload() {
        hub.addRepo("org/old-format", Map.of("config.json", "{}".getBytes(StandardCharsets.UTF_8),
                "pytorch_model.bin", bytes(100, 4)));

        assertThatThrownBy(() -> download(downloader(5), ModelRequest.of("org/old-format", null)))
                .hasMessageContaining("has no .safetensors weights (only pytorch_model.bin)")
                .satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.NOT_A_MODEL));
        assertThat(hub.requests()).noneMatch(r -> r.path().contains("/resolve/"));
    }

    @Test
    void anUnreachableHubIsANetworkError() throws Exception {
        HubSettings nowhere = settings();
        hub.close();

        assertThatThrownBy(() -> download(downloader(nowhere), "main")).hasMessageContaining("could not reach the hub at "
                + nowhere.endpoint()).satisfies(e -> assertThat(((HubException) e).reason()).isEqualTo(Reason.NETWORK));
    }

    private HubSettings settings() {
        return new HubSettings(hub.endpoint(), cache, null, false);
    }

    private ModelDownloader downloader(int maxRetries) {
        return new ModelDownloader(settings(), HubApi::newHttpClient, maxRetries, Duration.ZERO, Duration.ofMinutes(5));
    }

    private ModelDownloader downloader(HubSettings settings) {
        return new ModelDownloader(settings, HubApi::newHttpClient, 5, Duration.ZERO, Duration.ofMinutes(5));
    }

    private DownloadedModel download(ModelDownloader downloader, String revision) throws InterruptedException {
        return download(downloader, ModelRequest.of(REPO, revision));
    }

    private static DownloadedModel download(ModelDownloader downloader, ModelRequest request) throws InterruptedException {
        return downloader.fetch(request, DownloadListener.NONE);
    }

    private List<Request> cdnGets() {
        return hub.requests().stream().filter(r -> r.server().equals("cdn") && r.method().equals("GET")).toList();
    }

    private Path blobs() {
        return cache.resolve("models--tiny-org--tiny-model/blobs");
    }

    private static Map<String, byte[]> modelFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", "{\"model_type\": \"qwen3\"}".getBytes(StandardCharsets.UTF_8));
        files.put("generation_config.json", "{\"eos_token_id\": 2}".getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer.json", "{\"model\": {}}".getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer_config.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("LICENSE", "licence text".getBytes(StandardCharsets.UTF_8));
        files.put("README.md", "# a model card".getBytes(StandardCharsets.UTF_8));
        files.put("model.safetensors", bytes(WEIGHT_BYTES, 7));
        files.put("pytorch_model.bin", bytes(5000, 8));
        files.put("onnx/model.onnx", bytes(5000, 9));
        return files;
    }

    private static byte[] bytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits (up to 30 s) until {@code condition} holds, checking every few milliseconds. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(5_000_000);
        }
    }
}
