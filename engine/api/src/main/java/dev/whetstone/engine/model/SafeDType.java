package dev.whetstone.engine.model;

/**
 * An element type of the safetensors format, spelled as in a file's header ({@code "BF16"}), with its
 * width in bytes. Only {@link #F32}, {@link #F16} and {@link #BF16} load as floats.
 */
public enum SafeDType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int byteSize;

    SafeDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether {@link SafetensorsFile#float32} and {@link SafetensorsFile#float16} can read it. */
    public boolean isLoadableAsFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The type spelled {@code name} in a header, or {@code null} if there is none. */
    static SafeDType fromHeaderName(String name) {
        for (SafeDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
