package dev.whetstone.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two kinds of ETag the hub gives, checked against values git and sha256sum print. */
class ContentHashTest {
    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aFortyDigitEtagIsTheGitBlobId() {
        // `printf 'hello\n' | git hash-object --stdin`
        ContentHash hash = ContentHash.forEtag("ce013625030ba8dba906f756967f9e9ca394464a", HELLO.length).orElseThrow();
        hash.update(HELLO, 0, HELLO.length);

        assertThat(hash.finish()).isEqualTo(hash.expected());
        assertThat(hash.kind()).isEqualTo("git blob sha1");
    }

    @Test
    void aSixtyFourDigitEtagIsTheSha256OfTheContent() {
        // `printf 'hello\n' | sha256sum`
        ContentHash hash = ContentHash.forEtag("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
                HELLO.length).orElseThrow();
        hash.update(HELLO, 0, 3);
        hash.update(HELLO, 3, HELLO.length - 3);

        assertThat(hash.finish()).isEqualTo(hash.expected());
    }

    @Test
    void anEtagThatIsNoHashCannotBeChecked() {
        assertThat(ContentHash.forEtag("abc-123", 5)).isEmpty();
    }
}
