package io.triadwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.errors.SerializationException;

/** What every versioned binary store value must refuse to read, checked the same way for each serde. */
public final class BinarySerdeChecks {
    private BinarySerdeChecks() {
    }

    /**
     * Asserts that {@code serde} fails with {@link SerializationException} on {@code valid} with an
     * unknown version byte, cut short at every length (the empty value included), and with a byte
     * after its end.
     *
     * @param serde the serde under test
     * @param valid a value it wrote
     */
    public static void assertRejectsUnknownVersionTruncationAndTrailingBytes(Serde<?> serde, byte[] valid) {
        byte[] unknown = valid.clone();
        unknown[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", unknown))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated)).as("%d of %d bytes", length, valid.length)
                    .isInstanceOf(SerializationException.class);
        }
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", trailing))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
    }
}
