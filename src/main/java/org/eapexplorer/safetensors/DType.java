package org.eapexplorer.safetensors;

import java.util.Optional;

/**
 * Element types a safetensors header may name. The constant names are spelled exactly as in the
 * format, so {@link #fromName} is a plain lookup. Sub-byte types (F4, F6) are deliberately absent:
 * a byte size per element is what the size check relies on, and such files are refused as unknown.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), F8_E4M3(1), F8_E5M2(1),
    I64(8), I32(4), I16(2), I8(1),
    U64(8), U32(4), U16(2), U8(1),
    BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /** The dtypes {@link SafetensorsFile#readFloats} converts to float without loss. */
    public boolean isReadableAsFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    public static Optional<DType> fromName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
