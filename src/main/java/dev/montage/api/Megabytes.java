package dev.montage.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** {@code size_mb} on the wire: decimal megabytes (10^6 bytes), three places, so small files still show a size. */
public final class Megabytes {

    private static final BigDecimal BYTES_PER_MB = BigDecimal.valueOf(1_000_000);

    private Megabytes() {
    }

    /** {@code null} (no file yet) stays {@code null}. */
    public static BigDecimal of(Long bytes) {
        return bytes == null ? null : BigDecimal.valueOf(bytes).divide(BYTES_PER_MB, 3, RoundingMode.HALF_UP);
    }
}
