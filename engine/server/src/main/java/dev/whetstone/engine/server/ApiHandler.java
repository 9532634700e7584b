package dev.whetstone.engine.server;

import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.wire.WireFormatException;
import dev.whetstone.engine.wire.ZstdBodies;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler: checks the key, reads the body within the size limit (and decompresses zstd),
 * dispatches {@code /api/v1/...} to Tinker's routes and {@code /v1/...} to the OpenAI-style ones, and writes the
 * reply. Every failure becomes a 4xx/5xx with a message, never a stack trace; nothing a request does can
 * stop the server.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** A refused body up to this many times the limit is read and dropped, so that its sender hears why. */
    private static final int DRAINED_LIMITS = 2;

    private final Router tinker;
    private final Router openAi;
    private final ApiKey key;
    private final long maxBodyBytes;
    private final ExecutorService streams;

    ApiHandler(Router tinker, Router openAi, ApiKey key, long maxBodyBytes, ExecutorService streams) {
        this.tinker = tinker;
        this.openAi = openAi;
        this.key = key;
        this.maxBodyBytes = maxBodyBytes;
        this.streams = streams;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        boolean openAiStyle = false;
        try {
            List<String> path = segments(request.getHttpURI().getDecodedPath());
            Router router;
            if (path.size() >= 2 && path.get(0).equals("api") && path.get(1).equals("v1")) {
                router = tinker;
                path = path.subList(2, path.size());
            } else if (!path.isEmpty() && path.get(0).equals("v1")) {
                router = openAi;
                openAiStyle = true;
                path = path.subList(1, path.size());
            } else {
                throw HttpError.notFound("no such endpoint: " + request.getHttpURI().getPath()
                        + "; Tinker's API is under /api/v1/, OpenAI-style completions under /v1/");
            }
            boolean open = router == tinker && !path.isEmpty() && (path.get(0).equals("archives") || path.get(0).equals("healthz"));
            if (key != null && !open && !key.matches(presentedKey(request))) {
                throw new HttpError(401, "missing or wrong API key: send it as the X-API-Key header (the Tinker SDK does this "
                        + "with api_key=... or TINKER_API_KEY) or as Authorization: Bearer <key>");
            }
            long length = request.getLength();
            if (length > maxBodyBytes) {
                throw new HttpError(413, "the body has " + length + " bytes, more than this server's limit of " + maxBodyBytes
                        + "; send fewer datums per request");
            }
            Route route = router.find(request.getMethod(), path);
            List<String> routePath = path;
            boolean openAiReply = openAiStyle;
            CompletableFuture<byte[]> body = new CompletableFuture<>();
            Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes),
                    Promise.Invocable.toPromise(body));
            body.exceptionally(error -> {
                        throw unreadable(error);
                    })
                    .thenCompose(bytes -> route.handle(call(request, routePath, decoded(request, bytes))))
                    .whenComplete((reply, error) -> send(request, response, callback,
                            error == null ? reply : failure(error, openAiReply)));
        } catch (RuntimeException e) {
            refuseUnread(request, response, callback, failure(e, openAiStyle));
        }
        return true;
    }

    /**
     * Sends a refusal made before the body was read (a wrong key, no such route, a Content-Length over the limit).
     * A client still writing its body would see the connection close before the answer (HTTP/1.1's early-response
     * race) and report a reset instead of the reason; so a body declared at up to {@value #DRAINED_LIMITS} times the
     * limit is read and dropped first. A larger one, or one sent without the key, is not read: the answer goes out
     * and the connection closes.
     */
    private void refuseUnread(Request request, Response response, Callback callback, Reply reply) {
        long length = request.getLength();
        if (length <= 0 || length > DRAINED_LIMITS * maxBodyBytes || reply.status() == 401) {
            send(request, response, callback, reply);
            return;
        }
        Content.Source.consumeAll(request, Callback.from(() -> send(request, response, callback, reply),
                error -> send(request, response, callback, reply)));
    }

    /** A body that could not be read whole: over the limit (a body without Content-Length is counted as it comes), or cut off. */
    private HttpError unreadable(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof java.io.IOException) {
            return HttpError.badRequest("the body could not be read (" + e.getMessage() + "); send it again");
        }
        return new HttpError(413, "the body is larger than this server's limit of " + maxBodyBytes
                + " bytes; send fewer datums per request");
    }

    private byte[] decoded(Request request, byte[] body) {
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (encoding.equalsIgnoreCase("zstd")) {
            return ZstdBodies.decompress(body, maxBodyBytes);
        }
        throw new HttpError(415, "Content-Encoding '" + encoding + "' is not supported; send the body plain or as zstd");
    }

    private static HttpCall call(Request request, List<String> path, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
        }
        Map<String, String> query = new HashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field f : fields) {
            query.put(f.getName(), f.getValue());
        }
        HttpURI uri = request.getHttpURI();
        String base = uri.getScheme() + "://" + uri.getAuthority();
        return new HttpCall(request.getMethod(), List.copyOf(path), Map.copyOf(query), Map.copyOf(headers), body, base);
    }

    private static String presentedKey(Request request) {
        String key = request.getHeaders().get("X-API-Key");
        if (key != null) {
            return key;
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : (path == null ? "" : path).split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The reply for a failure: the route's own status, 400 for bad input, 413 for a body over the limit, else 500. */
    static Reply failure(Throwable error, boolean openAiStyle) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        int status;
        String message;
        if (e instanceof HttpError h) {
            status = h.status();
            message = h.getMessage();
        } else if (e instanceof IllegalArgumentException || e instanceof WireFormatException) {
            status = 400;
            message = e.getMessage();
        } else if (e instanceof WorkbenchException) {
            status = 400;
            message = e.getMessage();
        } else {
            status = 500;
            message = "internal error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); the server keeps running, see its log";
            LOG.error("request failed", e);
        }
        return openAiStyle ? OpenAiErrors.reply(status, message) : Reply.error(status, message);
    }

    private void send(Request request, Response response, Callback callback, Reply reply) {
        try {
            response.setStatus(reply.status());
            if (reply.contentType() != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            }
            reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            if (reply.stream() != null) {
                streams.execute(() -> stream(request, response, callback, reply.stream()));
                return;
            }
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        } catch (RuntimeException e) {
            LOG.warn("could not send a reply", e);
            callback.failed(e);
        }
    }

    private static void stream(Request request, Response response, Callback callback, Reply.Stream body) {
        OutputStream out = Content.Sink.asOutputStream(response);
        try {
            body.writeTo(out);
            out.close();   // the last chunk goes out before the callback completes the response
            callback.succeeded();
        } catch (Exception e) {
            LOG.debug("a streamed reply ended early (the client went away?)", e);
            callback.failed(e);
        }
    }
}
