package dev.whetstone.engine.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whetstone.engine.hub.HubException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The three requests a download makes to the hub, as {@code huggingface_hub} makes them: the model info
 * ({@code GET /api/models/{repo}/revision/{revision}?blobs=true}), a file's metadata ({@code HEAD
 * /{repo}/resolve/{commit}/{path}}, following only relative redirects, so a CDN's address is read, not
 * visited) and the file itself ({@code GET}, from an offset with {@code Range}). The token goes to the
 * endpoint's host only, never to a CDN.
 */
final class HubApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final int MAX_REDIRECTS = 10;
    /** huggingface_hub's default for metadata and for the first byte of a download. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HubSettings settings;
    private final Supplier<HttpClient> newClient;
    private final String userAgent;
    private HttpClient http;

    /**
     * Requests through the client {@code newClient} makes at the first request (the JDK's client loads the TLS
     * trust store: a tenth of a second the app's start need not spend), which must not follow redirects itself
     * (they are followed here).
     */
    HubApi(HubSettings settings, Supplier<HttpClient> newClient, String userAgent) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.newClient = Objects.requireNonNull(newClient, "newClient");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = Objects.requireNonNull(newClient.get(), "newClient gave null");
        }
        return http;
    }

    /** The client to pass in: HTTP/1.1, no redirects followed, the system's proxy settings. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT).proxy(java.net.ProxySelector.getDefault()).build();
    }

    /** The commit {@code request}'s revision points at and the repo's files. */
    RepoInfo modelInfo(ModelRequest request) throws IOException, InterruptedException {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + request.repoId() + "/revision/"
                + encode(request.revision()) + "?blobs=true");
        HttpResponse<byte[]> response = http().send(builder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        for (int hop = 0; hop < MAX_REDIRECTS && isRelativeRedirect(response); hop++) {
            uri = uri.resolve(response.headers().firstValue("Location").orElseThrow());   // a renamed repo
            response = http().send(builder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        if (response.statusCode() != 200) {
            throw HubRefusal.of(response.statusCode(), response.headers(), request, null, settings);
        }
        JsonNode info;
        try {
            info = JSON.readTree(response.body());
        } catch (IOException e) {
            throw notAHub(uri, "its model info is not JSON");
        }
        String commit = info.path("sha").asText("");
        if (!COMMIT.matcher(commit).matches()) {
            throw notAHub(uri, "its model info has no commit \"sha\"");
        }
        List<RepoFile> files = new ArrayList<>();
        for (JsonNode sibling : info.path("siblings")) {
            JsonNode lfs = sibling.path("lfs");
            files.add(new RepoFile(sibling.path("rfilename").asText(), sibling.path("size").asLong(-1),
                    text(sibling.path("blobId")), lfs.isObject() ? text(lfs.path("sha256")) : null));
        }
        JsonNode gated = info.path("gated");
        boolean isGated = gated.isTextual() ? !gated.asText().equalsIgnoreCase("false") : gated.asBoolean(false);
        return new RepoInfo(info.path("id").asText(request.repoId()), commit, isGated, files);
    }

    /** Where {@code path} at {@code commit} is, its ETag and its size, from a HEAD request. */
    FileLocation locate(ModelRequest request, String commit, String path) throws IOException, InterruptedException {
        URI uri = URI.create(settings.endpoint() + "/" + request.repoId() + "/resolve/" + commit + "/" + encodePath(path));
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest head = builder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity").build();
            HttpResponse<Void> response = http().send(head, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            boolean redirect = status >= 300 && status < 400 && location.isPresent();
            if (redirect && URI.create(location.get()).getHost() == null) {
                uri = uri.resolve(URI.create(location.get()).getRawPath());   // a renamed repo: follow, same host
                continue;
            }
            if (status >= 400 || (status >= 300 && !redirect)) {
                throw HubRefusal.of(status, response.headers(), request, path, settings);
            }
            var headers = response.headers();
            String resolved = headers.firstValue("X-Repo-Commit").orElseThrow(() -> notAHub(head.uri(), "no X-Repo-Commit header"));
            String etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"))
                    .map(HubApi::normalizeEtag).orElseThrow(() -> notAHub(head.uri(), "no ETag for " + path));
            Optional<String> size = headers.firstValue("X-Linked-Size")
                    .or(() -> redirect ? Optional.empty() : headers.firstValue("Content-Length"));
            long bytes = size.map(HubApi::parseSize).orElseThrow(() -> notAHub(head.uri(), "no size for " + path));
            return new FileLocation(path, resolved, etag, bytes, redirect ? uri.resolve(location.get()) : uri);
        }
        throw new HubException(Reason.SERVER, "the hub redirected " + path + " more than " + MAX_REDIRECTS + " times; try again later");
    }

    /**
     * The body of {@code file} from byte {@code offset} on: a 206 answer with {@code Content-Range}, or a 200
     * with the whole file (a server that ignores {@code Range}). A 416 (the offset is past the end) is returned
     * as is for the caller to start over.
     */
    HttpResponse<InputStream> open(ModelRequest request, FileLocation file, long offset) throws IOException, InterruptedException {
        URI uri = file.download();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder get = builder(uri).GET();
            if (offset > 0) {
                get.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> response = http().send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                response.body().close();
                uri = uri.resolve(location.get());
                continue;
            }
            if (status == 200 || status == 206 || status == 416) {
                return response;
            }
            response.body().close();
            throw HubRefusal.of(status, response.headers(), request, file.path(), settings);
        }
        throw new HubException(Reason.SERVER, "the hub redirected " + file.path() + " more than " + MAX_REDIRECTS
                + " times; try again later");
    }

    private static boolean isRelativeRedirect(HttpResponse<?> response) {
        Optional<String> location = response.headers().firstValue("Location");
        return response.statusCode() >= 300 && response.statusCode() < 400 && location.isPresent()
                && URI.create(location.get()).getHost() == null;
    }

    /** A request with the user agent and, to the endpoint's host and port only, the token. */
    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", userAgent);
        URI endpoint = settings.endpoint();
        boolean sameHost = endpoint.getHost().equalsIgnoreCase(uri.getHost()) && port(endpoint) == port(uri)
                && endpoint.getScheme().equalsIgnoreCase(uri.getScheme());
        if (settings.hasToken() && sameHost) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        return builder;
    }

    /** {@code W/"abc"} and {@code "abc"} as {@code abc}. */
    static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }

    private static long parseSize(String text) {
        try {
            long size = Long.parseLong(text.strip());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HubException(Reason.SERVER, "the hub announced a file size that is not a number: \"" + text + "\"");
    }

    private HubException notAHub(URI uri, String what) {
        return new HubException(Reason.SERVER, settings.endpoint() + " does not answer like a Hugging Face hub (" + what
                + " at " + uri + "): check HF_ENDPOINT, or the proxy or firewall between you and the hub");
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            parts.add(encode(part));
        }
        return String.join("/", parts);
    }
}
