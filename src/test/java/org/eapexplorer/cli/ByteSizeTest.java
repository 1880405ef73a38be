package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Issue 24 item 10: a size past a long is "too large", not "must be at least 1 byte". */
class ByteSizeTest {

    @Test
    void sizesInEitherUnit() {
        assertEquals(5_000_000_000L, ByteSize.parse("--shard-size", "5GB"));
        assertEquals(512L << 20, ByteSize.parse("--shard-size", "512MiB"));
        assertEquals(1, ByteSize.parse("--shard-size", "1"));
    }

    @Test
    void tooLargeAndTooSmallSayWhich() {
        assertEquals("--shard-size 99999999999999999999GB: too large (must be under 8 EiB, 2^63 bytes)",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("--shard-size", "99999999999999999999GB")).getMessage());
        assertEquals("--shard-size 9223372036854775807: too large (must be under 8 EiB, 2^63 bytes)",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("--shard-size", "9223372036854775807")).getMessage());
        assertEquals("--shard-size 0.5: must be at least 1 byte",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("--shard-size", "0.5")).getMessage());
    }
}
