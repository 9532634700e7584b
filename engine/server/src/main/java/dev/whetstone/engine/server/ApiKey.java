package dev.whetstone.engine.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The key every request must carry when one is set ({@code X-API-Key}, or {@code Authorization: Bearer} from
 * OpenAI clients). Keys have the form the Tinker SDK accepts ({@code tml-...}); requests are compared in
 * constant time (digests of equal length, {@link MessageDigest#isEqual}).
 */
final class ApiKey {
    private final byte[] digest;

    private ApiKey(String key) {
        this.digest = sha256(key);
    }

    /** A key given as text; it must start with {@code tml-} (the SDK refuses other keys before sending anything). */
    static ApiKey of(String key) {
        Objects.requireNonNull(key, "key");
        String k = key.strip();
        if (!k.startsWith("tml-") || k.length() < 12 || k.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the API key must start with 'tml-' (the Tinker SDK refuses other keys), have at "
                    + "least 8 characters after it and no spaces; generate one, e.g. tml-$(openssl rand -hex 16)");
        }
        return new ApiKey(k);
    }

    /** The key in the first line of {@code file}. */
    static ApiKey fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("");
            try {
                return of(first);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API key file " + file + " (" + e.getMessage()
                    + "); pass a readable file whose first line is the key", e);
        }
    }

    /** Whether {@code presented} is this key; null never is. Takes the same time whatever the difference. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
