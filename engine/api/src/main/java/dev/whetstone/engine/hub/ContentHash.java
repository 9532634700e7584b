package dev.whetstone.engine.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hash a file's ETag promises, computed over the bytes as they arrive. The hub's ETag of an LFS file
 * (weights) is the SHA-256 of its content (64 hex digits); of a file kept in git (config, tokenizer) it is
 * the git blob id, the SHA-1 of {@code "blob <size>\0"} followed by the content (40 hex digits).
 *
 * <p>Example: {@code ContentHash.forEtag(etag, size).ifPresent(h -> { h.update(bytes, 0, n); h.matches(); })}
 */
final class ContentHash {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    private final MessageDigest digest;
    private final String expected;
    private final String kind;

    private ContentHash(MessageDigest digest, String expected, String kind) {
        this.digest = digest;
        this.expected = expected;
        this.kind = kind;
    }

    /** The check for {@code etag} of a file of {@code size} bytes; empty if the ETag is neither kind of hash. */
    static Optional<ContentHash> forEtag(String etag, long size) {
        String hex = etag.toLowerCase(Locale.ROOT);
        if (SHA256.matcher(hex).matches()) {
            return Optional.of(new ContentHash(algorithm("SHA-256"), hex, "sha256"));
        }
        if (SHA1.matcher(hex).matches()) {
            MessageDigest sha1 = algorithm("SHA-1");
            sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            return Optional.of(new ContentHash(sha1, hex, "git blob sha1"));
        }
        return Optional.empty();
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** Finishes the hash; returns the hex digest of what was fed in. Call once. */
    String finish() {
        return HexFormat.of().formatHex(digest.digest());
    }

    String expected() {
        return expected;
    }

    /** "sha256" or "git blob sha1", for messages. */
    String kind() {
        return kind;
    }

    private static MessageDigest algorithm(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required of every Java platform", e);
        }
    }
}
