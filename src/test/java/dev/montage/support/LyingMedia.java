package dev.montage.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * WebM files whose header lies about their length, as an attacker or a broken muxer makes them: a few seconds of
 * real packets, but the Segment Info {@code Duration} element and every stream's {@code DURATION} tag patched to
 * claim hours. ffprobe's format and stream durations then report the claim; only the packets tell the truth.
 */
public final class LyingMedia {

    /** The Matroska {@code Duration} element: ID 0x4489, size 8, a big-endian double in milliseconds. */
    private static final byte[] DURATION_ELEMENT = {0x44, (byte) 0x89, (byte) 0x88};

    private LyingMedia() {
    }

    /** {@link TestMedia#webm} of {@code seconds} (a whole number below 10) whose header claims ten hours more. */
    public static byte[] webmClaimingTenHoursMore(String colour, int hz, int seconds) {
        byte[] honest = TestMedia.webm(colour, hz, seconds);
        byte[] lying = Arrays.copyOf(honest, honest.length);
        int at = indexOf(lying, DURATION_ELEMENT, 0);
        if (at < 0) {
            throw new IllegalStateException("no Segment Duration element in the WebM ffmpeg made");
        }
        double claimed = ByteBuffer.wrap(lying, at + 3, 8).getDouble() + 36_000_000;
        ByteBuffer.wrap(lying, at + 3, 8).putDouble(claimed);
        // the per-stream tags, "00:00:0S.xxxxxxxxx", keep their length as "10:00:0S.xxxxxxxxx"
        byte[] tag = ("00:00:0" + seconds).getBytes(StandardCharsets.US_ASCII);
        byte[] patched = ("10:00:0" + seconds).getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(lying, tag, 0); i >= 0; i = indexOf(lying, tag, i + 1)) {
            System.arraycopy(patched, 0, lying, i, patched.length);
        }
        return lying;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
