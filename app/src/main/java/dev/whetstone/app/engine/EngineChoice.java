package dev.whetstone.app.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Which engine to use: the kind and, for a remote engine, its base URL (the API key is kept apart, in
 * {@link EngineChoiceFile}). Settings → Engine edits it; {@code --engine local|process|URL} spells it.
 *
 * <p>{@code EngineChoice.parse("http://gpu-box:8000")} is a remote engine; {@code EngineChoice.parse("process")} the
 * engine process.
 *
 * @param kind      which engine
 * @param remoteUrl the remote engine's base URL ({@code http://host:port} or {@code https://...}); null unless remote
 */
public record EngineChoice(EngineKind kind, String remoteUrl) {

    public EngineChoice {
        Objects.requireNonNull(kind, "kind");
        if (kind == EngineKind.REMOTE) {
            remoteUrl = checkUrl(remoteUrl);
        } else {
            remoteUrl = null;
        }
    }

    /** The engine process on this machine. */
    public static EngineChoice process() {
        return new EngineChoice(EngineKind.PROCESS, null);
    }

    /** The engine inside this process. */
    public static EngineChoice inProcess() {
        return new EngineChoice(EngineKind.IN_PROCESS, null);
    }

    /** A remote engine at {@code url}. */
    public static EngineChoice remote(String url) {
        return new EngineChoice(EngineKind.REMOTE, url);
    }

    /** {@code local}, {@code process}, or an {@code http(s)://} URL, as {@code --engine} takes it. */
    public static EngineChoice parse(String text) {
        String t = Objects.requireNonNull(text, "engine").strip();
        if (t.equals(EngineKind.IN_PROCESS.cliName())) {
            return inProcess();
        }
        if (t.equals(EngineKind.PROCESS.cliName())) {
            return process();
        }
        return remote(t);
    }

    /** The base URL of a remote engine. */
    @JsonIgnore
    public URI remoteUri() {
        return remoteUrl == null ? null : URI.create(remoteUrl);
    }

    /** "Engine process on this machine", "In this process" or "Remote engine at http://gpu-box:8000". */
    @JsonIgnore
    public String label() {
        return kind == EngineKind.REMOTE ? kind.label() + " at " + remoteUrl : kind.label();
    }

    private static String checkUrl(String url) {
        String fix = "give the base URL of a `whetstone serve` (e.g. http://gpu-box:8000) or of hosted Tinker, or "
                + "\"local\" or \"process\"";
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a remote engine needs its base URL; " + fix);
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("engine must be local, process or an http(s):// URL, was \"" + url + "\"; " + fix);
            }
            String s = uri.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("engine must be local, process or an http(s):// URL, was \"" + url + "\"; " + fix, e);
        }
    }
}
