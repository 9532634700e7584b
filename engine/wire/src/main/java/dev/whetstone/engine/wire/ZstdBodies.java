package dev.whetstone.engine.wire;

import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * zstd request bodies ({@code Content-Encoding: zstd}), as the SDK sends forward_backward when the server's
 * client config sets {@code proto_compress_fwdbwd}: {@code byte[] plain = ZstdBodies.decompress(body, limit)}.
 */
public final class ZstdBodies {
    private ZstdBodies() {
    }

    /** One zstd frame holding {@code plain}. */
    public static byte[] compress(byte[] plain) {
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(plain.length)];
        int written = compressor.compress(plain, 0, plain.length, out, 0, out.length);
        return Arrays.copyOf(out, written);
    }

    /**
     * The decompressed bytes of one or more zstd frames; more than {@code limit} bytes, or bytes that are not
     * zstd, is a {@link WireFormatException}.
     */
    public static byte[] decompress(byte[] compressed, long limit) {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new WireFormatException("the zstd body decompresses to more than " + limit
                            + " bytes; send smaller batches (fewer datums per forward_backward)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException w) {
                throw w;
            }
            throw new WireFormatException("the body is marked Content-Encoding: zstd but is not a valid zstd frame ("
                    + e.getMessage() + ")", e);
        }
    }
}
