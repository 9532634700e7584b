package dev.whetstone.engine.model;

import dev.whetstone.engine.Float16OverflowException;
import dev.whetstone.engine.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * One open safetensors file: its checked header, and its tensors as direct little-endian buffers
 * ready for {@code NDManager.create(buffer, shape, dtype)}.
 *
 * <p>F32 data is returned zero-copy, as a {@link MapMode#PRIVATE} (copy-on-write) mapping, so in-place
 * ops on a tensor made from it never touch the file and never fault (a {@code READ_ONLY} mapping makes
 * torch SIGSEGV on in-place ops, see DJL-NOTES §4). A private mapping needs the file open for writing;
 * when it is read-only, the data is copied into a fresh direct buffer instead. F16 and BF16 are widened
 * in Java into fresh direct buffers. Buffers stay valid after {@link #close()}. Each tensor is limited
 * to 2 GiB (a Java buffer's limit).
 *
 * <p>Example: {@code try (var f = SafetensorsFile.open(path)) { ByteBuffer w = f.float32("lm_head.weight"); }}
 */
public final class SafetensorsFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final boolean privateMappable;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, FileChannel channel, boolean privateMappable, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.privateMappable = privateMappable;
        this.header = header;
    }

    /**
     * Opens {@code file} and reads and checks its header.
     *
     * @throws ModelFormatException if the file is missing, unreadable or not a valid safetensors file
     */
    public static SafetensorsFile open(Path file) {
        return open(file, true);
    }

    /** Opens {@code file}; with {@code tryPrivateMapping} false, F32/F16 data is always copied. */
    static SafetensorsFile open(Path file, boolean tryPrivateMapping) {
        FileChannel channel = null;
        boolean privateMappable = tryPrivateMapping;
        try {
            if (tryPrivateMapping) {
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (AccessDeniedException e) {
                    privateMappable = false;
                } catch (FileSystemException e) {
                    if (e instanceof NoSuchFileException) {
                        throw e;
                    }
                    privateMappable = false; // e.g. a read-only file system
                }
            }
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            return new SafetensorsFile(file, channel, privateMappable, SafetensorsHeader.read(file, channel));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + " does not exist; check the model folder or download it again", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ModelFormatException(file + " cannot be read (" + e + "); check its permissions", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The file this reads. */
    public Path file() {
        return file;
    }

    /** Every tensor in the file, by name, in header order. */
    public Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /** The header's {@code __metadata__} (empty if there is none), e.g. {@code {"format": "pt"}}. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws ModelFormatException if there is none
     */
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new ModelFormatException(file + " has no tensor '" + name + "' (it has "
                    + header.tensors().size() + " others); the file does not belong to this model");
        }
        return info;
    }

    /**
     * The tensor as float32 values in a direct little-endian buffer, positioned at 0.
     *
     * @throws ModelFormatException if it is missing, not F32/F16/BF16, or over 2 GiB as float32
     */
    public ByteBuffer float32(String name) {
        TensorInfo t = floatTensor(name, 4);
        return switch (t.dtype()) {
            case F32 -> mapWritable(t);
            case BF16 -> widen(t, false);
            case F16 -> widen(t, true);
            default -> throw new IllegalStateException("unreachable: " + t.dtype());
        };
    }

    /**
     * The tensor as IEEE binary16 bits in a direct little-endian buffer, positioned at 0: F16 as stored,
     * F32 and BF16 rounded to nearest even.
     *
     * @throws ModelFormatException if it is missing, not F32/F16/BF16, or over 2 GiB as float16
     * @throws Float16OverflowException if a finite value is beyond float16's range
     */
    public ByteBuffer float16(String name) {
        TensorInfo t = floatTensor(name, 2);
        if (t.dtype() == SafeDType.F16) {
            return mapWritable(t);
        }
        ByteBuffer bytes = allocateDirect(t.elementCount() * 2);
        ShortBuffer out = bytes.asShortBuffer();
        IntBuffer f32 = t.dtype() == SafeDType.F32 ? mapReadOnly(t).asIntBuffer() : null;
        ShortBuffer bf16 = f32 == null ? mapReadOnly(t).asShortBuffer() : null;
        for (int i = 0; i < out.capacity(); i++) {
            int bits = f32 != null ? f32.get(i) : HalfPrecision.bf16ToFloatBits(bf16.get(i));
            short half = HalfPrecision.floatBitsToF16(bits);
            if (HalfPrecision.overflowsF16(bits, half)) {
                throw overflow(t, Float.intBitsToFloat(bits));
            }
            out.put(i, half);
        }
        return bytes;
    }

    /**
     * The tensor's 16-bit values exactly as stored (F16 or BF16 bits), little-endian, positioned at 0: a
     * private mapping of the file (nothing copied or widened on the host) or, where the file system cannot map
     * privately, a copy.
     *
     * @throws ModelFormatException if it is missing or not F16/BF16
     */
    public ByteBuffer halfBits(String name) {
        TensorInfo t = info(name);
        if (t.dtype() != SafeDType.F16 && t.dtype() != SafeDType.BF16) {
            throw new ModelFormatException(file + ": tensor '" + name + "' is " + t.dtype() + ", not F16 or BF16; "
                    + "read it with float32 or float16");
        }
        return mapWritable(t);
    }

    /** The error for a value float16 cannot hold, naming the tensor and the way out. */
    private Float16OverflowException overflow(TensorInfo t, float value) {
        return new Float16OverflowException(file + ": tensor '" + t.name() + "' holds " + value + ", beyond float16's "
                + "±65504, the type the GPU keeps frozen matrices in; train this model on the CPU (device cpu), which "
                + "keeps float32");
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file, e);
        }
    }

    private TensorInfo floatTensor(String name, int bytesPerValue) {
        TensorInfo t = info(name);
        if (!t.dtype().isLoadableAsFloat()) {
            throw new ModelFormatException(file + ": tensor '" + name + "' is " + t.dtype()
                    + "; Whetstone loads weights stored as F32, F16 or BF16 only; convert the model to one of them");
        }
        if (t.elementCount() * bytesPerValue > Integer.MAX_VALUE) {
            throw new ModelFormatException(file + ": tensor '" + name + "' " + t.shapeString() + " needs "
                    + t.elementCount() * bytesPerValue + " bytes, over the 2 GiB a tensor may take in Whetstone;"
                    + " choose a smaller model");
        }
        return t;
    }

    private ByteBuffer widen(TensorInfo t, boolean f16) {
        ShortBuffer in = mapReadOnly(t).asShortBuffer();
        ByteBuffer bytes = allocateDirect(t.elementCount() * 4);
        IntBuffer out = bytes.asIntBuffer();
        for (int i = 0; i < in.capacity(); i++) {
            short s = in.get(i);
            out.put(i, f16 ? HalfPrecision.f16ToFloatBits(s) : HalfPrecision.bf16ToFloatBits(s));
        }
        return bytes;
    }

    /** The tensor's bytes, safe to hand to torch for in-place use: a private mapping or a copy. */
    private ByteBuffer mapWritable(TensorInfo t) {
        if (privateMappable) {
            return map(t, MapMode.PRIVATE);
        }
        ByteBuffer copy = allocateDirect(t.byteLength());
        copy.put(mapReadOnly(t));
        return copy.flip();
    }

    private ByteBuffer mapReadOnly(TensorInfo t) {
        return map(t, MapMode.READ_ONLY);
    }

    private ByteBuffer map(TensorInfo t, MapMode mode) {
        try {
            return channel.map(mode, t.dataOffset(), t.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot map tensor '" + t.name() + "' (" + e
                    + "); check that the file is still there and readable", e);
        }
    }

    private static ByteBuffer allocateDirect(long bytes) {
        return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open already failed; that error is the one to report
            }
        }
    }
}
