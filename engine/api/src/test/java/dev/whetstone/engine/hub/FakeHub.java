package dev.whetstone.engine.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A Hugging Face Hub on loopback, for tests: two real HTTP servers (the hub and its CDN, on different
 * ports, so a token sent to the CDN shows) answering the hub's endpoints the way the hub does:
 * {@code GET /api/models/{repo}/revision/{rev}} (with {@code ?blobs=true} sizes, blob ids and LFS hashes),
 * {@code HEAD|GET /{repo}/resolve/{rev}/{path}} (a git file: 200 with its git blob SHA-1 as ETag; an LFS file:
 * 302 to the CDN with {@code X-Linked-Etag} / {@code X-Linked-Size}; always {@code X-Repo-Commit}), range
 * requests on the CDN, {@code X-Error-Code} errors (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo),
 * relative redirects for a renamed repo; and faults on demand: a connection cut mid-file, a stall, a corrupted
 * byte. {@code *.safetensors} files are LFS files, as in every model repo.
 *
 * <p>Example: {@code try (FakeHub hub = FakeHub.start()) { hub.addModel("org/tiny", folder); hub.endpoint(); }}
 */
public final class FakeHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the servers saw it. */
    public record Request(String server, String method, String path, String range, String authorization) {
    }

    private record Repo(String commit, Map<String, byte[]> files, String gatedToken, String privateToken) {
    }

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-hub");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicLong stallAfter = new AtomicLong(-1);
    private final AtomicReference<String> corruptNext = new AtomicReference<>();
    private final CountDownLatch stallRelease = new CountDownLatch(1);
    private final CountDownLatch stalled = new CountDownLatch(1);
    private volatile boolean corruptAlways;

    private FakeHub() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        hub = HttpServer.create(loopback, 0);
        cdn = HttpServer.create(loopback, 0);
        hub.createContext("/", this::handleHub);
        cdn.createContext("/", this::handleCdn);
        hub.setExecutor(threads);
        cdn.setExecutor(threads);
        hub.start();
        cdn.start();
    }

    public static FakeHub start() throws IOException {
        return new FakeHub();
    }

    /** The hub's address, for {@code HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://" + hub.getAddress().getHostString() + ":" + hub.getAddress().getPort());
    }

    /** Publishes every file of {@code folder} as {@code repoId} at {@code main}; returns the commit. */
    public String addModel(String repoId, Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return addRepo(repoId, files);
    }

    /** Publishes {@code files} (repo path → content) as {@code repoId} at {@code main}; returns the commit. */
    public String addRepo(String repoId, Map<String, byte[]> files) {
        Map<String, byte[]> copy = new TreeMap<>(files);
        MessageDigest sha1 = digest("SHA-1");
        copy.forEach((path, bytes) -> {
            sha1.update(path.getBytes(StandardCharsets.UTF_8));
            sha1.update(bytes);
            if (isLfs(path)) {
                blobs.put(sha256(bytes), bytes);
            }
        });
        sha1.update(repoId.getBytes(StandardCharsets.UTF_8));
        String commit = HexFormat.of().formatHex(sha1.digest());
        repos.put(repoId, new Repo(commit, copy, null, null));
        return commit;
    }

    /** Makes {@code repoId} gated: its files need {@code token} (its metadata stays public, as on the hub). */
    public void gate(String repoId, String token) {
        repos.computeIfPresent(repoId, (id, r) -> new Repo(r.commit(), r.files(), token, r.privateToken()));
    }

    /** Makes {@code repoId} private: visible only with {@code token}. */
    public void makePrivate(String repoId, String token) {
        repos.computeIfPresent(repoId, (id, r) -> new Repo(r.commit(), r.files(), r.gatedToken(), token));
    }

    /** Answers requests for {@code oldId} with relative redirects to {@code newId}, as after a rename. */
    public void rename(String oldId, String newId) {
        renamed.put(oldId, newId);
    }

    /** The next file download ends after {@code bytes} bytes, its connection closed mid-body. */
    public void cutNextDownloadAfter(long bytes) {
        cutAfter.set(bytes);
    }

    /** The next file download stops sending after {@code bytes} bytes and hangs until this hub closes. */
    public void stallNextDownloadAfter(long bytes) {
        stallAfter.set(bytes);
    }

    /** Waits until a stalled download has sent its bytes. */
    public void awaitStall() throws InterruptedException {
        stalled.await();
    }

    /** The next download of {@code path} gets one byte flipped. */
    public void corruptNextDownloadOf(String path) {
        corruptNext.set(path);
    }

    /** Every download gets one byte flipped (a proxy that damages files). */
    public void corruptEveryDownload() {
        corruptAlways = true;
    }

    /** The requests so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bytes of {@code path} in {@code repoId}. */
    public byte[] file(String repoId, String path) {
        return repos.get(repoId).files().get(path).clone();
    }

    @Override
    public void close() {
        stallRelease.countDown();
        hub.stop(0);
        cdn.stop(0);
        threads.shutdownNow();
    }

    private void handleHub(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            record(exchange, "hub", path);
            if (path.startsWith("/api/models/")) {
                modelInfo(exchange, path.substring("/api/models/".length()));
                return;
            }
            String[] parts = path.substring(1).split("/", 5);   // owner, name, "resolve", revision, file
            if (parts.length < 5 || !parts[2].equals("resolve")) {
                error(exchange, 404, null, "Not found");
                return;
            }
            resolve(exchange, parts[0] + "/" + parts[1], parts[3], parts[4]);
        }
    }

    private void modelInfo(HttpExchange exchange, String rest) throws IOException {
        int cut = rest.indexOf("/revision/");
        String repoId = cut < 0 ? rest : rest.substring(0, cut);
        String revision = cut < 0 ? "main" : rest.substring(cut + "/revision/".length());
        if (renamed.containsKey(repoId)) {
            redirect(exchange, "/api/models/" + renamed.get(repoId) + "/revision/" + revision);
            return;
        }
        Repo repo = visibleRepo(exchange, repoId);
        if (repo == null) {
            return;
        }
        if (!revision.equals("main") && !revision.equals(repo.commit())) {
            error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
            return;
        }
        boolean blobsWanted = String.valueOf(exchange.getRequestURI().getQuery()).contains("blobs=true");
        ObjectNode info = JSON.createObjectNode();
        info.put("id", repoId).put("modelId", repoId).put("sha", repo.commit()).put("private", repo.privateToken() != null);
        if (repo.gatedToken() != null) {
            info.put("gated", "manual");
        } else {
            info.put("gated", false);
        }
        ArrayNode siblings = info.putArray("siblings");
        repo.files().forEach((path, bytes) -> {
            ObjectNode sibling = siblings.addObject().put("rfilename", path);
            if (blobsWanted) {
                sibling.put("size", bytes.length).put("blobId", gitBlobId(isLfs(path) ? pointer(bytes) : bytes));
                if (isLfs(path)) {
                    sibling.putObject("lfs").put("sha256", sha256(bytes)).put("size", bytes.length)
                            .put("pointerSize", pointer(bytes).length);
                }
            }
        });
        byte[] body = JSON.writeValueAsBytes(info);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void resolve(HttpExchange exchange, String repoId, String revision, String path) throws IOException {
        if (renamed.containsKey(repoId)) {
            redirect(exchange, "/" + renamed.get(repoId) + "/resolve/" + revision + "/" + path);
            return;
        }
        Repo repo = visibleRepo(exchange, repoId);
        if (repo == null) {
            return;
        }
        String token = bearer(exchange);
        if (repo.gatedToken() != null && !repo.gatedToken().equals(token)) {
            boolean anonymous = token == null;
            error(exchange, anonymous ? 401 : 403, "GatedRepo", anonymous
                    ? "Access to model " + repoId + " is restricted. You must have access to it and be authenticated to access it. Please log in."
                    : "Access to model " + repoId + " is restricted and you are not in the authorized list.");
            return;
        }
        if (!revision.equals("main") && !revision.equals(repo.commit())) {
            error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
            return;
        }
        exchange.getResponseHeaders().set("X-Repo-Commit", repo.commit());
        byte[] bytes = repo.files().get(path);
        if (bytes == null) {
            error(exchange, 404, "EntryNotFound", path + " does not exist on \"" + revision + "\"");
            return;
        }
        if (isLfs(path)) {
            String sha = sha256(bytes);
            exchange.getResponseHeaders().set("ETag", "\"" + gitBlobId(pointer(bytes)) + "\"");
            exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + sha + "\"");
            exchange.getResponseHeaders().set("X-Linked-Size", Long.toString(bytes.length));
            exchange.getResponseHeaders().set("Location", "http://" + cdn.getAddress().getHostString() + ":"
                    + cdn.getAddress().getPort() + "/repos/" + sha + "?response-content-disposition=" + path);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        exchange.getResponseHeaders().set("ETag", "\"" + gitBlobId(bytes) + "\"");
        send(exchange, path, bytes);
    }

    private void handleCdn(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            record(exchange, "cdn", path);
            byte[] bytes = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            if (bytes == null) {
                error(exchange, 404, null, "NoSuchKey");
                return;
            }
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            send(exchange, query.substring(query.indexOf('=') + 1), bytes);
        }
    }

    /** A body with range support and the faults asked for. */
    private void send(HttpExchange exchange, String path, byte[] bytes) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        String range = exchange.getRequestHeaders().getFirst("Range");
        long from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
            if (from >= bytes.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        int status = range != null ? 206 : 200;
        long length = bytes.length - from;
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = bytes;
        if (corruptAlways || path.equals(corruptNext.getAndUpdate(p -> path.equals(p) ? null : p))) {
            body = bytes.clone();
            body[(int) (from + length / 2)] ^= 0x5a;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        OutputStream out = exchange.getResponseBody();
        boolean cut = takeFault(cutAfter, (int) length);
        boolean stall = !cut && takeFault(stallAfter, (int) length);
        long stop = cut || stall ? (cut ? cutAfter : stallAfter).getAndSet(-1) : length;
        out.write(body, (int) from, (int) stop);
        out.flush();
        if (stall) {
            stalled.countDown();
            try {
                stallRelease.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stop < length) {
            throw new IOException("connection cut by the test after " + stop + " bytes");   // the server drops the connection
        }
    }

    /** Whether the fault set in {@code fault} applies to a body of {@code length} bytes (it must end inside it). */
    private static boolean takeFault(AtomicLong fault, int length) {
        long at = fault.get();
        return at >= 0 && at < length;
    }

    /** The repo if the caller may see it; otherwise answers as the hub does and returns null. */
    private Repo visibleRepo(HttpExchange exchange, String repoId) throws IOException {
        Repo repo = repos.get(repoId);
        String token = bearer(exchange);
        if (token != null && token.equals("hf_invalid")) {
            error(exchange, 401, null, "Invalid credentials in Authorization header");
            return null;
        }
        if (repo == null || (repo.privateToken() != null && !repo.privateToken().equals(token))) {
            error(exchange, token == null ? 401 : 404, "RepoNotFound", "Repository not found");
            return null;
        }
        return repo;
    }

    private void record(HttpExchange exchange, String server, String path) {
        requests.add(new Request(server, exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Range"),
                exchange.getRequestHeaders().getFirst("Authorization")));
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (code != null) {
            exchange.getResponseHeaders().set("X-Error-Code", code);
        }
        exchange.getResponseHeaders().set("X-Error-Message", message);
        byte[] body = ("{\"error\":" + JSON.writeValueAsString(message) + "}").getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(307, -1);
    }

    private static String bearer(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
    }

    private static boolean isLfs(String path) {
        return path.endsWith(".safetensors");
    }

    /** The git-lfs pointer file git stores in place of an LFS file. */
    private static byte[] pointer(byte[] bytes) {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(bytes) + "\nsize " + bytes.length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Git's blob id: SHA-1 of "blob SIZE\0" and the content. */
    public static String gitBlobId(byte[] bytes) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(bytes));
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files in {@code folder}, for assertions. */
    public static List<String> names(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }
}
